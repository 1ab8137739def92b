using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageBuild.Archives;

/// <summary>One image in a docker-archive's <c>manifest.json</c>: paths of its config and uncompressed layers inside the tar.</summary>
internal sealed record DockerArchiveManifestItem
{
    [JsonPropertyName("Config")]
    public required string Config { get; init; }

    [JsonPropertyName("RepoTags")]
    public IReadOnlyList<string>? RepoTags { get; init; }

    [JsonPropertyName("Layers")]
    public IReadOnlyList<string> Layers { get; init; } = [];

    /// <summary>Parent, LayerSources and whatever else a writer added, kept so nothing is lost in a read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}
