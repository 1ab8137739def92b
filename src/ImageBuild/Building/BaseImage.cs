using ImageBuild.Content;
using ImageBuild.Oci;

namespace ImageBuild.Building;

/// <summary>A resolved base: where its blobs are read from, and its root (null for scratch).</summary>
/// <param name="Name">The name recorded in the base.name annotation, when the base was named by reference.</param>
public sealed record BaseImage(IBlobReader Reader, Descriptor? Root, string? Name)
{
    public bool IsScratch => Root is null;
}
