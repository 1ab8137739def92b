using ImageBuild.Layers;
using ImageBuild.Oci;

namespace ImageBuild.Sbom;

/// <summary>The image an SBOM describes, as the builder knows it once the manifest is written.</summary>
/// <param name="Name">The image's first name (a full reference), or null for an untagged build.</param>
/// <param name="Manifest">The platform manifest the SBOM is attached to.</param>
/// <param name="BaseName">The base image's reference, when it was named by one.</param>
/// <param name="BaseDigest">The base image's digest; null for scratch.</param>
/// <param name="Files">The files of the layers the build added, base first (a later layer's copy of a path wins).</param>
/// <param name="Created">The document's creation time: the image's, so the same inputs give the same bytes.</param>
public sealed record SbomImage(
    string? Name,
    Descriptor Manifest,
    Platform Platform,
    string? BaseName,
    Digest? BaseDigest,
    IReadOnlyList<LayerFile> Files,
    DateTimeOffset Created);
