using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Transfers;

/// <summary>What a pull did.</summary>
/// <param name="Reference">The reference pulled, normalized: <c>name:tag</c>, or <c>name@digest</c> for a pull by digest.</param>
/// <param name="Digest">The digest the registry serves for the reference (an index's digest for a multi-platform image), as docker prints it.</param>
/// <param name="Stored">What the store now holds under the reference: that index, or the chosen platform's manifest.</param>
/// <param name="Downloaded">False when the store already held everything and the reference already pointed at it ("Image is up to date").</param>
/// <param name="Copy">The blobs downloaded and those the store already had.</param>
public sealed record PullResult(ImageReference Reference, Digest Digest, Descriptor Stored, bool Downloaded, CopyResult Copy)
{
    public long BytesDownloaded => Copy.Summary.BytesCopied;
}
