namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>The external programs the integration tests use, all installed by eng/test.sh.</summary>
public static class Tools
{
    public static ExternalTool Skopeo { get; } = new("skopeo", "skopeo", ["skopeo"]);

    public static ExternalTool Umoci { get; } = new("umoci", "umoci", ["umoci"]);

    public static ExternalTool Runc { get; } = new("runc", "runc", ["runc"]);

    /// <summary>The statically linked busybox, which runs inside an otherwise empty rootfs.</summary>
    public static ExternalTool Busybox { get; } = new("busybox (static)", "busybox-static", ["/bin/busybox"]);

    public static ExternalTool Registry { get; } = new("docker-registry", "docker-registry", ["docker-registry"]);

    public static ExternalTool Htpasswd { get; } = new("htpasswd", "apache2-utils", ["htpasswd"]);

    public static ExternalTool Debootstrap { get; } = new("debootstrap", "debootstrap", ["debootstrap"]);

    public static ExternalTool Tar { get; } = new("tar", "tar", ["tar"]);
}
