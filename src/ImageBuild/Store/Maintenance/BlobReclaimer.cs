using ImageBuild.Oci;

namespace ImageBuild.Store.Maintenance;

/// <summary>
/// Deletes the blobs of removed images that no index.json entry reaches any more. Only the given candidates
/// are considered, so blobs that other processes are writing for a pull or build not yet tagged are left
/// alone, and the bytes returned are exactly those freed (a layer another image still uses is not counted).
/// </summary>
internal static class BlobReclaimer
{
    public static async Task<GarbageCollectionResult> ReclaimAsync(OciLayout layout, IReadOnlyCollection<Digest> candidates, CancellationToken cancellationToken = default)
    {
        if (candidates.Count == 0)
        {
            return new GarbageCollectionResult(0, []);
        }

        using var heldLock = await layout.AcquireLockAsync(cancellationToken);
        var index = await layout.ReadIndexAsync(cancellationToken);
        var reachable = await LayoutGraphWalk.WalkAsync(layout, index.Manifests, continuePastUnreadable: true, cancellationToken: cancellationToken);
        var removed = new List<Digest>();
        long freed = 0;
        if (reachable.Unreadable.Count > 0)
        {
            // A damaged document hides what it names, so nothing is known to be unused; the store check reports it.
            return new GarbageCollectionResult(0, removed);
        }

        foreach (var digest in candidates.Distinct())
        {
            var file = new FileInfo(layout.BlobPath(digest));
            if (reachable.Present.ContainsKey(digest) || !file.Exists)
            {
                continue;
            }

            var size = file.Length;
            file.Delete();
            removed.Add(digest);
            freed += size;
        }

        return new GarbageCollectionResult(freed, removed);
    }
}
