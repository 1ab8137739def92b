using ImageBuild.Oci;
using ImageBuild.Store.Queries;

namespace ImageBuild.Store.Maintenance;

/// <summary>
/// <c>image prune</c>. Every image in the store is either tagged (and kept) or dangling. Without -a the
/// dangling images go, except those a stored index lists (docker's "intermediate" images, whose blobs the
/// index keeps anyway); with -a those go too. Blobs no image uses any more are deleted afterwards.
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
        return new ImagePruneResult(deleted, reclaimed.BytesFreed);
    }
}
