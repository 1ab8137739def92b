namespace ImageBuild.Oci;

/// <summary>The media types of the OCI image-spec and of Docker's schema 2.</summary>
public static class MediaTypes
{
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar";
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
    public const string OciLayerNondistributableGzip = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";

    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string DockerLayerForeignGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    /// <summary>The Accept list for manifest requests; without it some registries down-convert.</summary>
    public static IReadOnlyList<string> ManifestAccept { get; } =
        [OciManifest, OciIndex, DockerManifest, DockerManifestList];

    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    public static bool IsManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;

    public static bool IsDocker(string? mediaType) => mediaType is DockerManifest or DockerManifestList;

    /// <summary>The compression a layer media type implies; unknown layer types are treated as opaque.</summary>
    public static LayerCompression LayerCompressionOf(string mediaType) => mediaType switch
    {
        OciLayer => LayerCompression.None,
        OciLayerZstd => LayerCompression.Zstd,
        OciLayerGzip or DockerLayerGzip or DockerLayerForeignGzip or OciLayerNondistributableGzip => LayerCompression.Gzip,
        "application/vnd.docker.image.rootfs.diff.tar" => LayerCompression.None,
        _ when mediaType.EndsWith("+gzip", StringComparison.Ordinal) || mediaType.EndsWith(".gzip", StringComparison.Ordinal) => LayerCompression.Gzip,
        _ when mediaType.EndsWith("+zstd", StringComparison.Ordinal) => LayerCompression.Zstd,
        _ => LayerCompression.None,
    };

    /// <summary>The layer media type for a compression in the given manifest family.</summary>
    public static string LayerMediaType(LayerCompression compression, bool docker) => (compression, docker) switch
    {
        (LayerCompression.Gzip, true) => DockerLayerGzip,
        (LayerCompression.Gzip, false) => OciLayerGzip,
        (LayerCompression.Zstd, _) => OciLayerZstd,
        (LayerCompression.None, true) => "application/vnd.docker.image.rootfs.diff.tar",
        _ => OciLayer,
    };
}
