namespace ImageBuild.Store.Queries;

/// <summary>The layer cache's part of <c>system df</c> (docker's "Build Cache" row).</summary>
/// <param name="Entries">Layer-cache records.</param>
/// <param name="Active">Records whose layer an image in the store uses.</param>
/// <param name="Size">Bytes of the blobs the records keep, each blob counted once.</param>
/// <param name="Reclaimable">Bytes of those blobs no image uses: what <c>cache prune</c> frees.</param>
public sealed record LayerCacheUsage(int Entries, int Active, long Size, long Reclaimable)
{
    public static LayerCacheUsage None { get; } = new(0, 0, 0, 0);
}
