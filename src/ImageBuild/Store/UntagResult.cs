using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>The outcome of removing one reference name.</summary>
/// <param name="Image">The entry the name was on (without its ref.name annotation).</param>
/// <param name="RemainingRefNames">Other names that still point at the image.</param>
/// <param name="ImageRemoved">True when the image has no entry left in the index (its blobs await GC).</param>
public sealed record UntagResult(Descriptor Image, IReadOnlyList<string> RemainingRefNames, bool ImageRemoved);
