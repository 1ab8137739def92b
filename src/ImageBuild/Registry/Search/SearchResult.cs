using System.Text.Json.Serialization;

namespace ImageBuild.Registry.Search;

/// <summary>One repository found by a search, with the fields of Docker Hub's search API.</summary>
public sealed record SearchResult
{
    /// <summary>The repository: <c>dotnet/sdk</c> or an official image's short name on Docker Hub, <c>host/repo</c> from a catalog.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Null where stars do not exist (a registry's catalog).</summary>
    [JsonPropertyName("star_count")]
    public int? StarCount { get; init; }

    [JsonPropertyName("is_official")]
    public bool IsOfficial { get; init; }

    /// <summary>Deprecated by Docker Hub; searches report it as false, as docker does.</summary>
    [JsonPropertyName("is_automated")]
    public bool IsAutomated { get; init; }
}
