using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageBuild.Oci;

/// <summary>The layer content addresses of an image: diff_ids are digests of the uncompressed tars, base first.</summary>
public sealed record RootFs
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "layers";

    [JsonPropertyName("diff_ids")]
    public IReadOnlyList<Digest> DiffIds { get; init; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}
