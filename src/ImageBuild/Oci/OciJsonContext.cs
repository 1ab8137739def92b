using System.Text.Json.Serialization;

namespace ImageBuild.Oci;

/// <summary>Source-generated serializers for the OCI model. Nulls are omitted, as Go's omitempty does.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ImageConfig))]
[JsonSerializable(typeof(Descriptor))]
[JsonSerializable(typeof(Platform))]
[JsonSerializable(typeof(ImageLayoutMarker))]
[JsonSerializable(typeof(ManifestProbe))]
internal sealed partial class OciJsonContext : JsonSerializerContext
{
}
