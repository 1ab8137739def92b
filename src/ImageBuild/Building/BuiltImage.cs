using System.Text.Json.Serialization;
using ImageBuild.Oci;

namespace ImageBuild.Building;

/// <summary>One platform's image of a build.</summary>
/// <param name="ConfigDigest">The image ID.</param>
public sealed record BuiltImage(
    Platform Platform,
    Digest ManifestDigest,
    long ManifestSize,
    string ManifestMediaType,
    Digest ConfigDigest,
    IReadOnlyList<BuiltLayer> Layers)
{
    /// <summary>The digest of the SBOM artifact attached to this manifest, when the plan asked for one.</summary>
    public Digest? SbomDigest { get; init; }

    /// <summary>The SPDX document itself, a blob in the store.</summary>
    [JsonIgnore]
    public Descriptor? SbomDocument { get; init; }
}
