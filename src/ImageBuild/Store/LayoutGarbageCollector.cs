using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>A blob nothing references, with its size and when it was last written or used.</summary>
public sealed record UnreferencedBlob(Digest Digest, long Size, DateTimeOffset LastUsed);

/// <summary>
/// Deletes blobs that no index.json entry reaches and the caller does not keep (the store keeps its layer cache's
/// blobs). Runs under the layout lock from the reading of the index to the last deletion, so no tag can be added to
/// a blob being deleted. Files under blobs/ whose names are not digests are left alone: they are not ours to judge.
/// When a manifest or index cannot be read, what it names is unknown, so nothing is deleted.
/// </summary>
public static class LayoutGarbageCollector
{
    /// <param name="minimumBlobAge">
    /// Blobs written or used more recently than this are kept even when unreferenced. Blob writes take no lock, so a
    /// pull or build in another process has its blobs on disk (or has found them there) before it tags them; the
    /// grace period protects such work in flight (a tag of an incomplete image is refused in any case, and the copy
    /// or build then writes the blob again).
    /// </param>
    /// <param name="keep">Blobs referenced from outside index.json, such as layer-cache records.</param>
    public static async Task<GarbageCollectionResult> CollectAsync(
        OciLayout layout, LayoutLock heldLock, TimeSpan minimumBlobAge, IReadOnlySet<Digest>? keep = null, CancellationToken cancellationToken = default)
    {
        layout.EnsureHeld(heldLock);
        var unreferenced = await FindAsync(layout, keep ?? new HashSet<Digest>(), cancellationToken) ?? [];
        var now = layout.Options.Time.GetUtcNow();
        var removed = new List<Digest>();
        long freed = 0;
        foreach (var blob in unreferenced.Where(b => now - b.LastUsed >= minimumBlobAge))
        {
            cancellationToken.ThrowIfCancellationRequested();
            IngestFiles.TryDelete(layout.BlobPath(blob.Digest));
            if (!File.Exists(layout.BlobPath(blob.Digest)))
            {
                removed.Add(blob.Digest);
                freed += blob.Size;
            }
        }

        freed += layout.SweepStaleTemps();
        return new GarbageCollectionResult(freed, removed);
    }

    /// <summary>
    /// The blobs no index.json entry reaches and <paramref name="keep"/> does not hold; null when a damaged document
    /// hides what it names (then nothing is known to be unreferenced). Reads only; the caller holds the lock if it
    /// means to delete.
    /// </summary>
    public static async Task<IReadOnlyList<UnreferencedBlob>?> FindAsync(OciLayout layout, IReadOnlySet<Digest> keep, CancellationToken cancellationToken = default)
    {
        var index = await layout.ReadIndexAsync(cancellationToken);
        var reachable = await LayoutGraphWalk.WalkAsync(layout, index.Manifests, continuePastUnreadable: true, cancellationToken: cancellationToken);
        if (reachable.Unreadable.Count > 0)
        {
            return null;
        }

        return EnumerateBlobs(layout.RootPath)
            .Where(b => !reachable.Present.ContainsKey(b.Digest) && !keep.Contains(b.Digest))
            .Select(b => new UnreferencedBlob(b.Digest, b.File.Length, new DateTimeOffset(b.File.LastWriteTimeUtc, TimeSpan.Zero)))
            .ToList();
    }

    private static IEnumerable<(Digest Digest, FileInfo File)> EnumerateBlobs(string root)
    {
        var blobs = new DirectoryInfo(Path.Combine(root, "blobs"));
        if (!blobs.Exists)
        {
            yield break;
        }

        foreach (var algorithm in blobs.EnumerateDirectories())
        {
            foreach (var file in algorithm.EnumerateFiles())
            {
                if (Digest.TryParse($"{algorithm.Name}:{file.Name}", out var digest))
                {
                    yield return (digest, file);
                }
            }
        }
    }
}
