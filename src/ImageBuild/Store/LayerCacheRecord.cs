using System.Text.Json.Serialization;
using ImageBuild.Layers;
using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>A cached layer: the compressed blob in the store, the diff_id of the tar inside it and its files' hashes.</summary>
public sealed record LayerCacheRecord
{
    [JsonPropertyName("digest")]
    public required Digest Digest { get; init; }

    [JsonPropertyName("size")]
    public required long Size { get; init; }

    [JsonPropertyName("diffId")]
    public required Digest DiffId { get; init; }

    [JsonPropertyName("mediaType")]
    public required string MediaType { get; init; }

    /// <summary>The regular files of the layer with their content hashes, so a cache hit can still describe them (SBOM).</summary>
    [JsonPropertyName("files")]
    public IReadOnlyList<LayerFile> Files { get; init; } = [];

    public Descriptor ToDescriptor() => new() { MediaType = MediaType, Digest = Digest, Size = Size };
}
