namespace ImageBuild.Registry.Credentials;

/// <summary>Never has credentials: every request is anonymous.</summary>
public sealed class AnonymousCredentialSource : ICredentialSource
{
    public ValueTask<RegistryCredentials?> GetCredentialsAsync(string registryHost, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<RegistryCredentials?>(null);
}
