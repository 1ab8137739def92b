namespace ImageBuild.References;

/// <summary>The names Docker Hub goes by, in one place: the registry name references use, the legacy index host, and its API host.</summary>
public static class DockerHub
{
    /// <summary>The registry name in normalized references.</summary>
    public const string Registry = "docker.io";

    /// <summary>The legacy index host, still written by old tools and in config.json keys.</summary>
    public const string LegacyHost = "index.docker.io";

    /// <summary>Where Docker Hub's registry API answers.</summary>
    public const string ApiHost = "registry-1.docker.io";

    /// <summary>True when <paramref name="host"/> is any of Docker Hub's names (case-insensitive).</summary>
    public static bool IsHost(string host) =>
        host.Equals(Registry, StringComparison.OrdinalIgnoreCase)
        || host.Equals(LegacyHost, StringComparison.OrdinalIgnoreCase)
        || host.Equals(ApiHost, StringComparison.OrdinalIgnoreCase);
}
