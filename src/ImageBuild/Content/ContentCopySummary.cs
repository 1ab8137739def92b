using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>What a copy did: blobs written, blobs the target already had, and what the source lacked.</summary>
/// <param name="Missing">
/// Index children and foreign layers (descriptors with <c>urls</c>) the source did not have and the copy
/// was allowed to leave out.
/// </param>
public sealed record ContentCopySummary(int BlobsCopied, int BlobsSkipped, long BytesCopied, IReadOnlyList<Descriptor> Missing);
