using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Transfers;

/// <summary>One image a load put in the store, with the names it was tagged with (none: untagged).</summary>
public sealed record LoadResult(Descriptor Root, Digest ImageId, IReadOnlyList<ImageReference> Names);
