namespace ImageBuild.Registry.Credentials;

/// <summary>Credentials given up front, one set per registry host (matched case-insensitively).</summary>
public sealed class StaticCredentialSource : ICredentialSource
{
    private readonly Dictionary<string, RegistryCredentials> byHost;

    public StaticCredentialSource(IReadOnlyDictionary<string, RegistryCredentials> credentialsByHost)
    {
        byHost = new Dictionary<string, RegistryCredentials>(credentialsByHost, StringComparer.OrdinalIgnoreCase);
    }

    public ValueTask<RegistryCredentials?> GetCredentialsAsync(string registryHost, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(byHost.TryGetValue(registryHost, out var credentials) ? credentials : null);
}
