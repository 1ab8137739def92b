using ImageBuild.Oci;
using ImageBuild.Store.Queries;

namespace ImageBuild.Store.Maintenance;

/// <summary>
/// <c>image prune</c> as the docker daemon prunes: without -a every image without a tag (a digest reference does not
/// keep it); with -a every image no container uses, which here is every image. Names are untagged first, then the
/// image deleted. Blobs no image uses any more are deleted afterwards, and so is every other blob that no image and
/// no layer-cache record references, once older than the ingest grace period.
/// </summary>
public static class ImagePruner
{
    public static async Task<ImagePruneResult> PruneAsync(ImageStore store, bool all, ImagePruneFilter? filter, CancellationToken cancellationToken = default)
    {
        filter ??= ImagePruneFilter.Empty;
        var catalog = await StoreImageCatalog.LoadAsync(store, cancellationToken);
        var now = store.Layout.Options.Time.GetUtcNow();
        var events = new List<ImageRemovalEvent>();
        var candidates = new HashSet<Digest>();
        foreach (var image in catalog.Images)
        {
            var hasTag = image.Tags.Any(t => !t.IsDigestReference);
            if ((hasTag && !all) || !filter.Matches(image, now))
            {
                continue;
            }

            var names = ImageRemover.References(image);
            var removed = false;
            foreach (var manifest in image.Manifests)
            {
                // Without -a a tag someone added meanwhile keeps the image: only untagged entries go.
                removed |= all ? (await store.RemoveAsync(manifest.Digest, cancellationToken)).Count > 0 : await store.RemoveDanglingAsync(manifest.Digest, cancellationToken);
            }

            if (removed)
            {
                events.AddRange(names.Select(n => new ImageRemovalEvent(ImageRemovalAction.Untagged, n.FamiliarString)));
                events.Add(new ImageRemovalEvent(ImageRemovalAction.Deleted, image.ImageId.ToString()));
                candidates.UnionWith(image.DiskUsage.Blobs.Keys);
            }
        }

        var reclaimed = await BlobReclaimer.ReclaimAsync(store.Layout, candidates, cancellationToken);

        // Then every blob nothing references (left by builds to other outputs, interrupted pulls, removed cache
        // records) once it is older than the grace period that protects work in flight in other processes.
        var collected = await store.CollectGarbageAsync(store.Layout.Options.StaleTempAge, cancellationToken);
        return new ImagePruneResult(events, reclaimed.BytesFreed + collected.BytesFreed);
    }
}
