using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>
/// The store's one rule for referrers (SBOMs, signatures attached to an image): each is an untagged index.json entry
/// (so skopeo, oras and the garbage collector see it) that the metadata file names as a referrer of its subject. Such
/// an entry is not an image (ls, rm and prune never see it), and it lives as long as its subject does: an entry
/// whose subject no image of the store reaches any more is dropped with it, and so are the referrers of that one.
/// </summary>
internal static class StoreReferrers
{
    public static bool IsReferrer(Descriptor entry, StoreMetadata metadata) =>
        IndexEdits.RefNameOf(entry) is null && metadata.Referrers.ContainsKey(entry.Digest.ToString());

    /// <summary>Adds <paramref name="referrer"/> as an untagged entry described as referrers lists describe it.</summary>
    public static ImageIndex Attach(ImageIndex index, StoreMetadata metadata, Referrer referrer)
    {
        metadata.Referrers[referrer.Descriptor.Digest.ToString()] = new ReferrerMetadata { Subject = referrer.Subject.ToString() };
        return IndexEdits.AddUntagged(index, referrer.Descriptor);
    }

    /// <summary>The entries that refer to <paramref name="subject"/>.</summary>
    public static IReadOnlyList<Descriptor> Of(ImageIndex index, StoreMetadata metadata, Digest subject) =>
        index.Manifests
            .Where(e => IsReferrer(e, metadata) && metadata.Referrers[e.Digest.ToString()].Subject == subject.ToString())
            .ToList();

    /// <summary>
    /// Drops the referrer entries whose subject is gone: neither an image entry, a manifest an index entry lists,
    /// nor a referrer that stays. A damaged index hides what it lists, so then nothing is dropped.
    /// </summary>
    public static async Task<(ImageIndex Index, IReadOnlyList<Descriptor> Dropped)> DropOrphansAsync(
        OciLayout layout, ImageIndex index, StoreMetadata metadata, CancellationToken cancellationToken = default)
    {
        var pending = index.Manifests.Where(e => IsReferrer(e, metadata)).ToList();
        if (pending.Count == 0)
        {
            return (index, []);
        }

        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in index.Manifests.Where(e => !IsReferrer(e, metadata)))
        {
            live.Add(entry.Digest.ToString());
            if (!MediaTypes.IsIndex(entry.MediaType) || !layout.HasBlob(entry))
            {
                continue;
            }

            try
            {
                live.UnionWith(OciJson.ParseIndex(await layout.ReadSmallBlobAsync(entry, cancellationToken)).Manifests.Select(m => m.Digest.ToString()));
            }
            catch (ImageBuildException)
            {
                return (index, []);
            }
        }

        bool grew;
        do
        {
            var reached = pending.Where(r => live.Contains(metadata.Referrers[r.Digest.ToString()].Subject)).ToList();
            live.UnionWith(reached.Select(r => r.Digest.ToString()));
            pending.RemoveAll(reached.Contains);
            grew = reached.Count > 0;
        }
        while (grew && pending.Count > 0);

        if (pending.Count == 0)
        {
            return (index, []);
        }

        var dropped = pending.Select(e => e.Digest).ToHashSet();
        var kept = index.Manifests.Where(e => !(dropped.Contains(e.Digest) && IsReferrer(e, metadata))).ToList();
        return (index with { Manifests = kept }, pending);
    }
}
