using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageBuild.Oci;

/// <summary>Just enough of a manifest-like document to tell which kind it is.</summary>
internal sealed record ManifestProbe
{
    [JsonPropertyName("schemaVersion")]
    public int? SchemaVersion { get; init; }

    [JsonPropertyName("mediaType")]
    public string? MediaType { get; init; }

    [JsonPropertyName("config")]
    public JsonElement? Config { get; init; }

    [JsonPropertyName("manifests")]
    public JsonElement? Manifests { get; init; }
}
