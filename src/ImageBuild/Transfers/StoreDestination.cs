using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>The local store: blobs go into its layout, and the commit tags the root (recording where it came from).</summary>
/// <param name="refName">The full reference name to tag, <c>name:tag</c> or <c>name@digest</c>.</param>
/// <param name="pulledFrom">The registry reference, by digest, the image came from; null for local copies.</param>
public sealed class StoreDestination(ImageStore store, string refName, string? pulledFrom) : ImageDestination
{
    public override IBlobWriter Writer => store.Layout;

    public override string DisplayName => ImageLocation.StorePrefix + refName;

    public override Task CommitAsync(Descriptor root, IBlobReader source, CancellationToken cancellationToken) =>
        store.TagAsync(refName, root, cancellationToken, pulledFrom);
}
