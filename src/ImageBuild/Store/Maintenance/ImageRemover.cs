using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Store.Queries;

namespace ImageBuild.Store.Maintenance;

/// <summary>
/// <c>image rm</c> with docker's rules. By reference: untag it, and delete the image when no tag is left. By
/// ID: untag every tag and delete the image, unless its tags are in several repositories and -f is not
/// given. An image a stored index lists is never deleted (not even with -f); untagging it keeps it dangling.
/// Afterwards the blobs no image uses any more are deleted.
/// </summary>
public static class ImageRemover
{
    /// <param name="noPrune">Keep an image whose last tag was removed as a dangling image instead of deleting it.</param>
    public static async Task<ImageRemovalResult> RemoveAsync(
        ImageStore store, IReadOnlyList<string> targets, bool force, bool noPrune, CancellationToken cancellationToken = default)
    {
        var run = new Run(store, force, noPrune);
        var blocked = new List<string>();
        foreach (var target in targets)
        {
            if (!await run.TryRemoveAsync(target, deferWhenInUse: true, cancellationToken))
            {
                blocked.Add(target);
            }
        }

        // A manifest listed by an index that a later target removes can go once that index is gone, so
        // `rm $(ls -q)` works whatever order ls printed them in.
        foreach (var target in blocked)
        {
            await run.TryRemoveAsync(target, deferWhenInUse: false, cancellationToken);
        }

        var reclaimed = await BlobReclaimer.ReclaimAsync(store.Layout, run.Candidates, cancellationToken);
        return new ImageRemovalResult(run.Events, run.Errors, reclaimed.BytesFreed, force);
    }

    private sealed class Run(ImageStore store, bool force, bool noPrune)
    {
        public List<ImageRemovalEvent> Events { get; } = [];

        public List<ImageRemovalError> Errors { get; } = [];

        public HashSet<Digest> Candidates { get; } = [];

        /// <summary>Returns false only when the target was deferred because an index still lists it.</summary>
        public async Task<bool> TryRemoveAsync(string target, bool deferWhenInUse, CancellationToken cancellationToken = default)
        {
            try
            {
                var catalog = await StoreImageCatalog.LoadAsync(store, cancellationToken);
                var resolved = ImageResolver.Resolve(catalog, target);
                if (resolved is { How: ImageResolution.ByReference, Tag: { } tag })
                {
                    await RemoveTagAsync(catalog, resolved.Image, tag, cancellationToken);
                }
                else
                {
                    await RemoveImageAsync(catalog, resolved.Image, cancellationToken);
                }

                return true;
            }
            catch (ImageInUseException) when (deferWhenInUse)
            {
                return false;
            }
            catch (ImageBuildException ex)
            {
                Errors.Add(new ImageRemovalError(target, ex.Message, ex is NotFoundException));
                return true;
            }
        }

        private async Task RemoveTagAsync(StoreImageCatalog catalog, StoreImage image, ImageTag tag, CancellationToken cancellationToken)
        {
            var removeWhenLast = !noPrune && catalog.IndexesContaining(image).Count == 0;
            var untagged = await store.UntagAsync(tag.RefName, removeWhenLast, cancellationToken: cancellationToken);
            Events.Add(new ImageRemovalEvent(ImageRemovalAction.Untagged, tag.FamiliarString));
            if (untagged.ImageRemoved)
            {
                Deleted(image);
            }
        }

        private async Task RemoveImageAsync(StoreImageCatalog catalog, StoreImage image, CancellationToken cancellationToken)
        {
            var id = image.ImageId.ShortHex;
            if (catalog.IndexesContaining(image) is [var parent, ..])
            {
                throw new ImageInUseException(
                    $"conflict: unable to delete {id} (cannot be forced) - image is part of the stored index {PlatformSelector.DisplayName(parent)} ({parent.ImageId.ShortHex}); remove that index first");
            }

            if (!force && image.Tags.Select(t => t.Repository).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                throw new ImageBuildException($"conflict: unable to delete {id} (must be forced) - image is referenced in multiple repositories");
            }

            if (noPrune && image.Tags.Count > 0)
            {
                foreach (var tag in image.Tags)
                {
                    await store.UntagAsync(tag.RefName, cancellationToken: cancellationToken);
                    Events.Add(new ImageRemovalEvent(ImageRemovalAction.Untagged, tag.FamiliarString));
                }

                return;
            }

            Events.AddRange(image.Tags.Select(t => new ImageRemovalEvent(ImageRemovalAction.Untagged, t.FamiliarString)));
            await DeleteAsync(image, cancellationToken);
        }

        private async Task DeleteAsync(StoreImage image, CancellationToken cancellationToken)
        {
            await store.RemoveAsync(image.Digest, cancellationToken);
            Deleted(image);
        }

        private void Deleted(StoreImage image)
        {
            Events.Add(new ImageRemovalEvent(ImageRemovalAction.Deleted, image.ImageId.ToString()));
            Candidates.UnionWith(image.DiskUsage.Blobs.Keys);
        }
    }
}
