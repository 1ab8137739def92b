namespace ImageBuild.Store.Queries;

/// <summary>
/// <c>system df</c>: the images (<see cref="TotalSize"/> and <see cref="ReclaimableSize"/> count only blobs images use),
/// the layer cache, and the blobs nothing references.
/// </summary>
/// <param name="Images">Distinct images (one per manifest or index digest).</param>
/// <param name="ActiveImages">Images with at least one tag.</param>
/// <param name="TotalSize">Bytes of every blob the images use, each blob counted once.</param>
/// <param name="SharedSize">Bytes of blobs used by more than one image.</param>
/// <param name="ReclaimableSize">Bytes pruning the dangling images would free.</param>
public sealed record DiskUsageReport(int Images, int ActiveImages, long TotalSize, long SharedSize, long ReclaimableSize, IReadOnlyList<DiskUsageImageRow> Rows)
{
    public LayerCacheUsage LayerCache { get; init; } = LayerCacheUsage.None;

    public UnreferencedUsage Unreferenced { get; init; } = UnreferencedUsage.None;
}
