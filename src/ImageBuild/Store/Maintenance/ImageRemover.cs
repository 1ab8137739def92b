using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Store.Queries;

namespace ImageBuild.Store.Maintenance;

/// <summary>
/// <c>image rm</c> with the docker daemon's rules. By reference: remove that name (a tag, or a digest reference, which
/// leaves the tags alone); removing a repository's last tag also drops its digest references; the image goes when
/// nothing names it any more. By ID: remove every name and the image, but only with -f when the image has more than
/// one tag or names in several repositories. Afterwards the blobs no image uses any more are deleted.
/// </summary>
public static class ImageRemover
{
    /// <param name="noPrune">docker's --no-prune keeps untagged parent images; images here have no parents, so it changes nothing.</param>
    public static async Task<ImageRemovalResult> RemoveAsync(
        ImageStore store, IReadOnlyList<string> targets, bool force, bool noPrune, CancellationToken cancellationToken = default)
    {
        _ = noPrune;
        var run = new Run(store, force);
        foreach (var target in targets)
        {
            await run.RemoveAsync(target, cancellationToken);
        }

        var reclaimed = await BlobReclaimer.ReclaimAsync(store.Layout, run.Candidates, cancellationToken);
        return new ImageRemovalResult(run.Events, run.Errors, reclaimed.BytesFreed, force);
    }

    /// <summary>Every name of an image: tags and digest references, as docker's reference store holds them.</summary>
    internal static IReadOnlyList<ImageReference> References(StoreImage image) =>
        image.Tags.Where(t => t.Reference is { Digest: null }).Select(t => t.Reference!)
            .Concat(image.DigestReferences())
            .DistinctBy(r => r.ToString())
            .ToList();

    /// <summary>Removes one name of an image: a stored tag or digest reference, or a pull record behind a RepoDigest.</summary>
    internal static async Task UnnameAsync(ImageStore store, StoreImage image, ImageReference reference, CancellationToken cancellationToken)
    {
        var name = reference.ToString();
        if (image.Entries.Any(e => e.RefName == name))
        {
            // A manifest left without names stays as an entry: another name of the image may come from its pull record.
            await store.UntagAsync(name, cancellationToken: cancellationToken);
        }

        foreach (var entry in image.Entries.DistinctBy(e => e.Digest))
        {
            foreach (var pulledFrom in entry.PulledFromAll)
            {
                if (ImageReference.TryParse(pulledFrom, out var source) && reference.Digest is not null
                    && (source.Digest is null ? source.WithoutTag().WithDigest(entry.Digest) : source.WithoutTag()).ToString() == name)
                {
                    await store.ForgetSourceAsync(entry.Digest, pulledFrom, cancellationToken);
                }
            }
        }
    }

    private sealed class Run(ImageStore store, bool force)
    {
        public List<ImageRemovalEvent> Events { get; } = [];

        public List<ImageRemovalError> Errors { get; } = [];

        public HashSet<Digest> Candidates { get; } = [];

        public async Task RemoveAsync(string target, CancellationToken cancellationToken = default)
        {
            try
            {
                var catalog = await StoreImageCatalog.LoadAsync(store, cancellationToken);
                var resolved = ImageResolver.Resolve(catalog, target);
                if (resolved.How == ImageResolution.ById)
                {
                    await RemoveByIdAsync(resolved.Image, cancellationToken);
                }
                else
                {
                    await RemoveReferenceAsync(resolved, cancellationToken);
                }
            }
            catch (ImageBuildException ex)
            {
                Errors.Add(new ImageRemovalError(target, ex.Message, ex is NotFoundException));
            }
        }

        private async Task RemoveReferenceAsync(ResolvedImage resolved, CancellationToken cancellationToken)
        {
            var image = resolved.Image;
            var named = resolved.Reference!;
            var others = References(image).Where(r => r.ToString() != named.ToString()).ToList();

            // Without a tag left in its repository, a repository's digest references go with its last tag, as in docker.
            var alsoRemoved = named.Digest is null && others.All(r => r.Digest is not null || r.Name != named.Name)
                ? others.Where(r => r.Digest is not null && r.Name == named.Name).ToList()
                : [];
            foreach (var reference in alsoRemoved.Prepend(named))
            {
                await UnnameAsync(store, image, reference, cancellationToken);
                Untagged(reference);
            }

            if (others.Count == alsoRemoved.Count)
            {
                await DeleteAsync(image, cancellationToken);
            }
        }

        private async Task RemoveByIdAsync(StoreImage image, CancellationToken cancellationToken)
        {
            var references = References(image);
            if (!force && !IsSingleReference(references) && references.Count > 0)
            {
                throw new ImageBuildException($"conflict: unable to delete {image.ImageId.ShortHex} (must be forced) - image is referenced in multiple repositories");
            }

            foreach (var reference in references)
            {
                Untagged(reference);
            }

            await DeleteAsync(image, cancellationToken);
        }

        /// <summary>docker's isSingleReference: at most one tag, and every name in one repository.</summary>
        private static bool IsSingleReference(IReadOnlyList<ImageReference> references) =>
            references.Count(r => r.Digest is null) <= 1 && references.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count() <= 1;

        private async Task DeleteAsync(StoreImage image, CancellationToken cancellationToken)
        {
            foreach (var manifest in image.Manifests)
            {
                if ((await store.FindByDigestAsync(manifest.Digest, cancellationToken)).Count > 0)
                {
                    await store.RemoveAsync(manifest.Digest, cancellationToken);
                }
            }

            Events.Add(new ImageRemovalEvent(ImageRemovalAction.Deleted, image.ImageId.ToString()));
            Candidates.UnionWith(image.DiskUsage.Blobs.Keys);
        }

        private void Untagged(ImageReference reference) =>
            Events.Add(new ImageRemovalEvent(ImageRemovalAction.Untagged, reference.FamiliarString));
    }
}
