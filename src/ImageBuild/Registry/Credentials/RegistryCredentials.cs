namespace ImageBuild.Registry.Credentials;

/// <summary>A user name and password (or personal access token) for one registry.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    /// <summary>Never prints the password: records would otherwise put it in every log line and exception.</summary>
    public override string ToString() => $"RegistryCredentials {{ Username = {Username}, Password = *** }}";
}
