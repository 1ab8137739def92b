using System.Text.Json.Serialization;
using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>A cached layer: the compressed blob in the store and the diff_id of the tar inside it.</summary>
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

    public Descriptor ToDescriptor() => new() { MediaType = MediaType, Digest = Digest, Size = Size };
}
