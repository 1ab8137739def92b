namespace ImageBuild.Registry.Credentials;

/// <summary>
/// Logins from a docker config.json or podman auth.json, looked up as docker does: the registry's
/// <c>credHelpers</c> entry, else the <c>credsStore</c> helper, else <c>auths</c> (also consulted when a
/// store has nothing for the registry). A missing file has no logins.
/// </summary>
public sealed class DockerConfigCredentialSource(string path, Func<string, string?> environment, TimeSpan? helperTimeout = null) : ICredentialSource
{
    public string Path { get; } = path;

    public async ValueTask<RegistryCredentials?> GetCredentialsAsync(string registryHost, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var display = CredentialFileLocations.Display(Path, environment);
        var config = await DockerConfigFile.LoadAsync(Path, cancellationToken);
        if (HelperFor(config, registryHost, display) is { } helper
            && await helper.GetAsync(RegistryServerAddress.For(registryHost), cancellationToken) is { } stored)
        {
            return stored;
        }

        return config.AuthFor(registryHost, display);
    }

    /// <summary>The helper that holds this registry's login under <paramref name="config"/>, or null for <c>auths</c>.</summary>
    public static CredentialHelper? HelperFor(
        DockerConfigFile config, string registryHost, string display, Func<string, string?> environment, TimeSpan? timeout = null)
    {
        if (config.HelperFor(registryHost) is { } perHost)
        {
            return new CredentialHelper(perHost, $"credHelpers in {display}", environment, timeout);
        }

        return config.CredsStore is { Length: > 0 } store ? new CredentialHelper(store, $"credsStore in {display}", environment, timeout) : null;
    }

    private CredentialHelper? HelperFor(DockerConfigFile config, string registryHost, string display) =>
        HelperFor(config, registryHost, display, environment, helperTimeout);
}
