using System.Text.Json.Serialization;

namespace ImageBuild.Registry;

/// <summary>One page of <c>GET /v2/_catalog</c>.</summary>
internal sealed record RepositoryCatalog
{
    [JsonPropertyName("repositories")]
    public IReadOnlyList<string>? Repositories { get; init; }
}
