using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Transfers;

/// <summary>One image a load put in the store, with the names it was tagged with (none: untagged).</summary>
public sealed record LoadResult(Descriptor Root, Digest ImageId, IReadOnlyList<ImageReference> Names)
{
    /// <summary>Names the archive gave the image that are no image reference (empty, malformed): not tagged, and said so.</summary>
    public IReadOnlyList<string> DroppedNames { get; init; } = [];
}
