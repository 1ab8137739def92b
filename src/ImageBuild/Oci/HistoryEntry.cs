using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageBuild.Oci;

/// <summary>One step of an image's history. Entries without <see cref="EmptyLayer"/> map 1:1 onto diff_ids.</summary>
public sealed record HistoryEntry
{
    [JsonPropertyName("created")]
    public string? Created { get; init; }

    [JsonPropertyName("created_by")]
    public string? CreatedBy { get; init; }

    [JsonPropertyName("author")]
    public string? Author { get; init; }

    [JsonPropertyName("comment")]
    public string? Comment { get; init; }

    [JsonPropertyName("empty_layer")]
    public bool? EmptyLayer { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }

    [JsonIgnore]
    public bool IsEmptyLayer => EmptyLayer == true;
}
