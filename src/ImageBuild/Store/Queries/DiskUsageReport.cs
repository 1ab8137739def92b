namespace ImageBuild.Store.Queries;

/// <summary>The images part of <c>system df</c>.</summary>
/// <param name="Images">Distinct images (one per manifest or index digest).</param>
/// <param name="ActiveImages">Images with at least one tag.</param>
/// <param name="TotalSize">Bytes of every blob the images use, each blob counted once.</param>
/// <param name="SharedSize">Bytes of blobs used by more than one image.</param>
/// <param name="ReclaimableSize">Bytes pruning the dangling images would free.</param>
public sealed record DiskUsageReport(int Images, int ActiveImages, long TotalSize, long SharedSize, long ReclaimableSize, IReadOnlyList<DiskUsageImageRow> Rows);
