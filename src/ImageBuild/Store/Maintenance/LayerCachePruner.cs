namespace ImageBuild.Store.Maintenance;

/// <summary>
/// <c>cache prune</c>, as <c>docker builder prune</c>: forgets every layer-cache record and deletes the blobs only the
/// cache kept (no image uses them). The next build of those layers tars and compresses them again.
/// </summary>
public static class LayerCachePruner
{
    public static async Task<LayerCachePruneResult> PruneAsync(ImageStore store, CancellationToken cancellationToken = default)
    {
        var records = await store.LayerCache.ListAsync(cancellationToken);
        await store.LayerCache.ForgetAsync(records.Select(r => r.ContentKey).ToList(), cancellationToken);

        // Blobs an image uses stay; the cache's own go now whatever their age, as a build that still wants one
        // finds its record gone and writes the layer again.
        var reclaimed = await BlobReclaimer.ReclaimAsync(store.Layout, records.Select(r => r.Record.Digest).ToHashSet(), cancellationToken);
        return new LayerCachePruneResult(records.Count, reclaimed.RemovedBlobs, reclaimed.BytesFreed);
    }
}
