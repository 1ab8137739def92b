namespace ImageBuild.Registry.Credentials;

/// <summary>
/// Where the credentials for a registry come from. The transport asks only when a registry challenges a
/// request, so anonymous pulls never touch a credential store.
/// </summary>
public interface ICredentialSource
{
    /// <summary>The credentials for <paramref name="registryHost"/> (<c>host[:port]</c>), or null to stay anonymous.</summary>
    ValueTask<RegistryCredentials?> GetCredentialsAsync(string registryHost, CancellationToken cancellationToken = default);
}
