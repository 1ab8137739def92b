namespace ImageBuild.Daemon;

/// <summary>Which engine a daemon location talks to; both speak the Docker Engine API.</summary>
public enum DaemonKind
{
    Docker,
    Podman,
}
