namespace ImageBuild.Oci;

/// <summary>Makes <see cref="JsonBlob{T}"/>s from values (serializing once) or from bytes (parsing them).</summary>
public static class JsonBlobs
{
    public static JsonBlob<ImageManifest> Manifest(ImageManifest value) =>
        new(OciJson.Serialize(value), value, value.MediaType ?? MediaTypes.OciManifest);

    public static JsonBlob<ImageIndex> Index(ImageIndex value) =>
        new(OciJson.Serialize(value), value, value.MediaType ?? MediaTypes.OciIndex);

    public static JsonBlob<ImageConfig> Config(ImageConfig value, string mediaType = MediaTypes.OciConfig) =>
        new(OciJson.Serialize(value), value, mediaType);

    public static JsonBlob<ImageManifest> ParseManifest(ReadOnlyMemory<byte> bytes) =>
        CreateManifest(bytes, OciJson.ParseManifest(bytes.Span));

    public static JsonBlob<ImageIndex> ParseIndex(ReadOnlyMemory<byte> bytes) =>
        CreateIndex(bytes, OciJson.ParseIndex(bytes.Span));

    public static JsonBlob<ImageConfig> ParseConfig(ReadOnlyMemory<byte> bytes, string mediaType = MediaTypes.OciConfig) =>
        new(bytes, OciJson.ParseConfig(bytes.Span), mediaType);

    private static JsonBlob<ImageManifest> CreateManifest(ReadOnlyMemory<byte> bytes, ImageManifest value) =>
        new(bytes, value, value.MediaType ?? MediaTypes.OciManifest);

    private static JsonBlob<ImageIndex> CreateIndex(ReadOnlyMemory<byte> bytes, ImageIndex value) =>
        new(bytes, value, value.MediaType ?? MediaTypes.OciIndex);
}
