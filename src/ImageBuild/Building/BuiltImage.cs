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
    IReadOnlyList<BuiltLayer> Layers);
