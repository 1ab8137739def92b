using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>
/// Deletes blobs that no index.json entry reaches. Runs under the layout lock from the reading of the
/// index to the last deletion, so no tag can be added to a blob being deleted. Files under blobs/ whose
/// names are not digests are left alone: they are not ours to judge.
/// </summary>
public static class LayoutGarbageCollector
{
    /// <param name="minimumBlobAge">
    /// Blobs younger than this are kept even when unreachable. Blob writes take no lock, so a pull or
    /// build in another process has its blobs on disk before it tags them; a non-zero age protects such
    /// in-flight work (a tag of an incomplete image is refused in any case, see ImageStore.TagAsync).
    /// </param>
    public static async Task<GarbageCollectionResult> CollectAsync(
        OciLayout layout, LayoutLock heldLock, TimeSpan minimumBlobAge, CancellationToken cancellationToken = default)
    {
        layout.EnsureHeld(heldLock);
        var index = await layout.ReadIndexAsync(cancellationToken);
        var reachable = await LayoutGraphWalk.WalkAsync(layout, index.Manifests, cancellationToken: cancellationToken);
        var now = layout.Options.Time.GetUtcNow();
        var removed = new List<Digest>();
        long freed = 0;
        foreach (var (digest, file) in EnumerateBlobs(layout.RootPath))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reachable.Present.ContainsKey(digest) || now - file.LastWriteTimeUtc < minimumBlobAge)
            {
                continue;
            }

            var size = file.Length;
            file.Delete();
            removed.Add(digest);
            freed += size;
        }

        freed += layout.SweepStaleTemps();
        return new GarbageCollectionResult(freed, removed);
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
