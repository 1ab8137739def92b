using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImageBuild.Errors;

namespace ImageBuild.Oci;

/// <summary>
/// Serialization of the OCI model. Output is compact UTF-8 without the escaping of '+' and non-ASCII that
/// System.Text.Json does by default, so media types read as they do in every other tool's output.
/// </summary>
public static class OciJson
{
    private static readonly OciJsonContext Context = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static byte[] Serialize(ImageManifest value) => JsonSerializer.SerializeToUtf8Bytes(value, Context.ImageManifest);

    public static byte[] Serialize(ImageIndex value) => JsonSerializer.SerializeToUtf8Bytes(value, Context.ImageIndex);

    public static byte[] Serialize(ImageConfig value) => JsonSerializer.SerializeToUtf8Bytes(value, Context.ImageConfig);

    public static byte[] Serialize(ImageLayoutMarker value) => JsonSerializer.SerializeToUtf8Bytes(value, Context.ImageLayoutMarker);

    public static ImageManifest ParseManifest(ReadOnlySpan<byte> json) => Parse(json, Context.ImageManifest, "image manifest");

    public static ImageIndex ParseIndex(ReadOnlySpan<byte> json) => Parse(json, Context.ImageIndex, "image index");

    public static ImageConfig ParseConfig(ReadOnlySpan<byte> json) => Parse(json, Context.ImageConfig, "image config");

    public static ImageLayoutMarker ParseLayoutMarker(ReadOnlySpan<byte> json) => Parse(json, Context.ImageLayoutMarker, "oci-layout file");

    public static Descriptor ParseDescriptor(ReadOnlySpan<byte> json) => Parse(json, Context.Descriptor, "descriptor");

    /// <summary>
    /// The media type of a manifest-like document: its own mediaType field when present, else inferred
    /// from its shape (an OCI manifest or index may omit the field).
    /// </summary>
    public static string DetectMediaType(ReadOnlySpan<byte> json)
    {
        var probe = Parse(json, Context.ManifestProbe, "manifest");
        if (!string.IsNullOrEmpty(probe.MediaType))
        {
            return probe.MediaType;
        }

        if (probe.Manifests is not null)
        {
            return MediaTypes.OciIndex;
        }

        if (probe.Config is not null)
        {
            return MediaTypes.OciManifest;
        }

        throw new ImageBuildException("the document is neither an image manifest nor an index: it has no mediaType, config or manifests field");
    }

    private static T Parse<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> typeInfo, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(json, typeInfo)
                ?? throw new ImageBuildException($"invalid {what}: the document is JSON null");
        }
        catch (JsonException ex)
        {
            throw new ImageBuildException($"invalid {what}: {ex.Message}", ex);
        }
    }
}
