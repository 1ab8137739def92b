using System.Text.Json.Serialization;

namespace ImageBuild.Registry.Search;

/// <summary>The body of <c>GET /v1/search?q=&amp;n=</c> on Docker Hub's index.</summary>
internal sealed record HubSearchResponse
{
    [JsonPropertyName("num_results")]
    public int NumResults { get; init; }

    [JsonPropertyName("query")]
    public string? Query { get; init; }

    [JsonPropertyName("results")]
    public IReadOnlyList<SearchResult>? Results { get; init; }
}
