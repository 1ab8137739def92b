using System.Text.Json.Serialization;

namespace ImageBuild.Registry;

/// <summary>One page of <c>GET /v2/NAME/tags/list</c>.</summary>
internal sealed record TagList
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<string>? Tags { get; init; }
}
