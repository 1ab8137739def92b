using ImageBuild.Oci;
using ImageBuild.Store.Queries;

namespace ImageBuild.Store.Maintenance;

/// <summary>
/// <c>image prune</c>. Every image in the store is either tagged (and kept) or dangling. Without -a the
/// dangling images go, except those a stored index lists (docker's "intermediate" images, whose blobs the
/// index keeps anyway); with -a those go too. Blobs no image uses any more are deleted afterwards, and so is
/// every other blob that no image and no layer-cache record references, once older than the ingest grace period.
/// </summary>
public static class ImagePruner
{
    public static async Task<ImagePruneResult> PruneAsync(ImageStore store, bool all, ImagePruneFilter? filter, CancellationToken cancellationToken = default)
    {
        filter ??= ImagePruneFilter.Empty;
        var catalog = await StoreImageCatalog.LoadAsync(store, cancellationToken);
        var now = store.Layout.Options.Time.GetUtcNow();
        var deleted = new List<Digest>();
        var candidates = new HashSet<Digest>();
        foreach (var image in catalog.Images)
        {
            if (!image.IsDangling || (!all && catalog.IndexesContaining(image).Count > 0) || !filter.Matches(image, now))
            {
                continue;
            }

            if (await store.RemoveDanglingAsync(image.Digest, cancellationToken))
            {
                deleted.Add(image.ImageId);
                candidates.UnionWith(image.DiskUsage.Blobs.Keys);
            }
        }

        var reclaimed = await BlobReclaimer.ReclaimAsync(store.Layout, candidates, cancellationToken);

        // Then every blob nothing references (left by builds to other outputs, interrupted pulls, removed cache
        // records) once it is older than the grace period that protects work in flight in other processes.
        var collected = await store.CollectGarbageAsync(store.Layout.Options.StaleTempAge, cancellationToken: cancellationToken);
        return new ImagePruneResult(deleted, reclaimed.BytesFreed + collected.BytesFreed);
    }
}
