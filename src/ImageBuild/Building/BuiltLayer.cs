using System.Text.Json.Serialization;
using ImageBuild.Layers;
using ImageBuild.Oci;

namespace ImageBuild.Building;

/// <summary>A layer the build added: the blob as stored and whether the layer cache supplied it.</summary>
public sealed record BuiltLayer(string Name, Digest Digest, long Size, Digest DiffId, string MediaType, bool FromCache)
{
    /// <summary>Its regular files with their content hashes (none for a layer made from a tar); not part of the JSON result.</summary>
    [JsonIgnore]
    public IReadOnlyList<LayerFile> Files { get; init; } = [];
}
