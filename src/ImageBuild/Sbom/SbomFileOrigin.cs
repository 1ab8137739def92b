using ImageBuild.Oci;

namespace ImageBuild.Sbom;

/// <summary>The package a file of the image came from.</summary>
/// <param name="Path">The file's path in the image, relative and '/'-separated, as in the layer.</param>
/// <param name="Platform">The platform whose image holds this copy; null for every platform.</param>
public sealed record SbomFileOrigin(string Path, string Package, Platform? Platform = null);
