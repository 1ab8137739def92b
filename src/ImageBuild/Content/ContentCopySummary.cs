using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>What a copy did: blobs written, blobs the target already had, and what the source lacked.</summary>
/// <param name="Missing">
/// Index children and foreign layers (descriptors with <c>urls</c>) the source did not have and the copy
/// was allowed to leave out.
/// </param>
public sealed record ContentCopySummary(int BlobsCopied, int BlobsSkipped, long BytesCopied, IReadOnlyList<Descriptor> Missing)
{
    public static ContentCopySummary None { get; } = new(0, 0, 0, []);

    /// <summary>The summaries of several copies as one.</summary>
    public static ContentCopySummary Sum(IEnumerable<ContentCopySummary> summaries) =>
        summaries.Aggregate(None, (total, next) => new ContentCopySummary(
            total.BlobsCopied + next.BlobsCopied,
            total.BlobsSkipped + next.BlobsSkipped,
            total.BytesCopied + next.BytesCopied,
            [.. total.Missing, .. next.Missing]));
}
