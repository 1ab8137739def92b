namespace ImageBuild.Registry.Credentials;

/// <summary>
/// Asks several sources in order and takes the first answer. Each registry host is looked up once per
/// chain, because a lookup may run a credential helper process.
/// </summary>
public sealed class CredentialChain : ICredentialSource
{
    private readonly IReadOnlyList<ICredentialSource> sources;
    private readonly Dictionary<string, Task<RegistryCredentials?>> byHost = new(StringComparer.OrdinalIgnoreCase);

    public CredentialChain(IReadOnlyList<ICredentialSource> sources)
    {
        this.sources = sources;
    }

    /// <summary>
    /// The sources docker, podman and the .NET SDK users expect, in order: the environment, docker's
    /// config.json (with its credential helpers), podman's auth file; anonymous when none has an entry.
    /// </summary>
    /// <param name="environment">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <param name="direction">Which of the SDK's per-direction variables apply, when the caller knows.</param>
    public static CredentialChain CreateDefault(Func<string, string?> environment, RegistryDirection direction = RegistryDirection.Any) =>
        new([
            new EnvironmentCredentialSource(environment, direction),
            new DockerConfigCredentialSource(CredentialFileLocations.DockerConfig(environment), environment),
            .. CredentialFileLocations.PodmanAuthFiles(environment).Select(path => new DockerConfigCredentialSource(path, environment)),
        ]);

    public async ValueTask<RegistryCredentials?> GetCredentialsAsync(string registryHost, CancellationToken cancellationToken = default)
    {
        Task<RegistryCredentials?> lookup;
        lock (byHost)
        {
            if (!byHost.TryGetValue(registryHost, out lookup!))
            {
                lookup = LookUpAsync(registryHost, cancellationToken);
                byHost[registryHost] = lookup;
            }
        }

        return await lookup;
    }

    private async Task<RegistryCredentials?> LookUpAsync(string registryHost, CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            if (await source.GetCredentialsAsync(registryHost, cancellationToken) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
