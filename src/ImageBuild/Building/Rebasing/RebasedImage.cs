using ImageBuild.Oci;

namespace ImageBuild.Building.Rebasing;

/// <summary>One platform manifest of a rebase: before and after, and how many layers were swapped and kept.</summary>
/// <param name="BaseLayersReplaced">The old base's layers taken out from under the image.</param>
/// <param name="BaseLayersAdded">The new base's layers put in.</param>
/// <param name="AppLayers">The image's own layers, kept byte for byte.</param>
public sealed record RebasedImage(
    Platform Platform, Digest OldManifest, Digest NewManifest, Digest NewConfig, int BaseLayersReplaced, int BaseLayersAdded, IReadOnlyList<Digest> AppLayers);
