namespace ImageBuild.Registry.Credentials;

/// <summary>
/// How docker names a registry in config.json and to credential helpers: the host (<c>ghcr.io</c>,
/// <c>localhost:5000</c>), except Docker Hub, which is <c>https://index.docker.io/v1/</c>. Keys written
/// with a scheme or a path by older tools match their host.
/// </summary>
public static class RegistryServerAddress
{
    public const string DockerHubKey = "https://index.docker.io/v1/";

    /// <summary>The address to store credentials under and to give a credential helper.</summary>
    public static string For(string registryHost) =>
        IsDockerHub(Normalize(registryHost)) ? DockerHubKey : registryHost.ToLowerInvariant();

    /// <summary>The host to connect to for a registry name: Docker Hub's names all mean <c>registry-1.docker.io</c>.</summary>
    public static string ApiHost(string registryName)
    {
        var host = Normalize(registryName);
        return IsDockerHub(host) ? References.DockerHub.ApiHost : host;
    }

    /// <summary>True when a config.json key (or a host) names the same registry as <paramref name="registryHost"/>.</summary>
    public static bool Matches(string key, string registryHost)
    {
        var keyHost = Normalize(key);
        var host = Normalize(registryHost);
        return keyHost.Equals(host, StringComparison.OrdinalIgnoreCase) || (IsDockerHub(keyHost) && IsDockerHub(host));
    }

    /// <summary>The host[:port] of a key: scheme and path dropped, as docker's ConvertToHostname does.</summary>
    public static string Normalize(string key)
    {
        var host = key.Trim();
        foreach (var scheme in (string[])["https://", "http://"])
        {
            if (host.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                host = host[scheme.Length..];
            }
        }

        var slash = host.IndexOf('/');
        return (slash < 0 ? host : host[..slash]).ToLowerInvariant();
    }

    private static bool IsDockerHub(string host) => References.DockerHub.IsHost(host);
}
