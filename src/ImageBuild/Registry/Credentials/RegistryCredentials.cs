namespace ImageBuild.Registry.Credentials;

/// <summary>
/// A user name and password (or personal access token) for one registry, or an identity token (an OAuth2
/// refresh token, as <c>docker login</c> stores for some registries), and where they came from.
/// </summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    /// <summary>An OAuth2 refresh token; when set, bearer tokens are requested with <c>grant_type=refresh_token</c>.</summary>
    public string? IdentityToken { get; init; }

    /// <summary>Where the credentials came from, for messages: "~/.docker/config.json", "DOTNET_IMAGE_REGISTRY_USERNAME".</summary>
    public string Source { get; init; } = "the credentials given";

    /// <summary>The secret that goes with the user name in a Basic header: the password, else the identity token.</summary>
    internal string BasicSecret => Password.Length > 0 || IdentityToken is null ? Password : IdentityToken;

    /// <summary>Never prints a secret: records would otherwise put it in every log line and exception.</summary>
    public override string ToString() => $"RegistryCredentials {{ Username = {Username}, Password = ***, Source = {Source} }}";
}
