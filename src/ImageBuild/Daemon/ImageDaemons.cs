namespace ImageBuild.Daemon;

/// <summary>Opens the daemon an endpoint names: through the Engine API, or the podman command where podman has no socket.</summary>
/// <param name="preferred">The kind used when a location asks for none (the CLI's --daemon); null for the one the environment points at.</param>
public sealed class ImageDaemons(DaemonEndpoints endpoints, DaemonKind? preferred = null)
{
    /// <summary>Daemons as this process's environment finds them.</summary>
    public static ImageDaemons FromProcess(DaemonKind? preferred = null) => new(DaemonEndpoints.FromProcess(), preferred);

    /// <summary>Where the daemon of <paramref name="kind"/> (or the preferred one) is, without contacting it.</summary>
    public DaemonEndpoint Resolve(DaemonKind? kind) => endpoints.Resolve(kind ?? preferred);

    /// <summary>The daemon of <paramref name="kind"/>, or the preferred one, or the one the environment points at; nothing is contacted yet.</summary>
    public IImageDaemon Open(DaemonKind? kind)
    {
        var endpoint = Resolve(kind);
        return endpoint.Uri is null
            ? new PodmanCommandDaemon(endpoint, endpoints.FindOnPath("podman") ?? "podman")
            : new EngineApiDaemon(endpoint);
    }
}
