namespace ImageBuild.Daemon;

/// <summary>
/// Where a daemon answers: a <c>unix://</c> socket or a <c>tcp://</c> address, how it was found (for messages), and
/// for TCP the TLS material the docker CLI would use. A podman endpoint without a socket is served by the podman
/// command (<see cref="Uri"/> is then null).
/// </summary>
/// <param name="Origin">How the endpoint was chosen, e.g. "DOCKER_HOST", "docker context 'ci'", "the default socket".</param>
/// <param name="TlsDirectory">For TLS: the folder holding ca.pem, cert.pem and key.pem; null for a socket or plain TCP.</param>
public sealed record DaemonEndpoint(DaemonKind Kind, Uri? Uri, string Origin, string? TlsDirectory = null)
{
    /// <summary>The endpoint as users write it (<c>unix:///var/run/docker.sock</c>), or "the podman command".</summary>
    public string Display => Uri?.OriginalString ?? "the podman command";

    /// <summary>The socket path of a <c>unix://</c> endpoint; null otherwise.</summary>
    public string? SocketPath => Uri is { Scheme: "unix" } uri ? Uri.UnescapeDataString(uri.AbsolutePath) : null;

    /// <summary>"Docker" or "Podman", for messages.</summary>
    public string EngineName => Kind == DaemonKind.Podman ? "Podman" : "Docker";

    public bool UsesTls => TlsDirectory is not null;
}
