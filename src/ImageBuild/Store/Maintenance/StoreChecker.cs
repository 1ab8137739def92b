using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Store.Maintenance;

/// <summary>
/// The store check (fsck). <see cref="CheckAsync"/> only reads: every blob is hashed against its name, every
/// index.json entry's graph is walked, ingest/ is searched for leftovers and the metadata file for names the
/// index no longer has. <see cref="RepairAsync"/> removes only what is safe to remove.
/// </summary>
public static class StoreChecker
{
    public static async Task<IReadOnlyList<StoreProblem>> CheckAsync(ImageStore store, CancellationToken cancellationToken = default)
    {
        var layout = store.Layout;
        var problems = new List<StoreProblem>(await BlobScan.ScanAsync(layout, cancellationToken));
        var corrupt = problems.Where(p => p.Kind == StoreProblemKind.CorruptBlob).Select(p => p.Digest).ToHashSet();
        var entries = await store.ListAsync(cancellationToken);
        foreach (var image in entries.GroupBy(e => e.Digest))
        {
            var name = NameOf(image);
            var walk = await LayoutGraphWalk.WalkAsync(layout, [image.First().Descriptor], continuePastUnreadable: true, cancellationToken: cancellationToken);
            problems.AddRange(walk.Missing.Select(m => MissingProblem(name, m)));
            problems.AddRange(walk.Unreadable
                .Where(u => !corrupt.Contains(u.Blob.Digest))
                .Select(u => new StoreProblem(StoreProblemKind.UnreadableDocument, false, u.Blob.Digest, layout.BlobPath(u.Blob.Digest),
                    $"{name}: {u.Blob.MediaType} {u.Blob.Digest} cannot be read ({u.Reason}); remove the image and pull it again")));
        }

        problems.AddRange(IngestLeftovers.Find(layout).Select(f => new StoreProblem(StoreProblemKind.LeftoverTempFile, true, null, f.FullName,
            $"temp file {f.FullName} ({f.Length} bytes) was left by an interrupted pull or build; repair deletes it")));
        problems.AddRange((await UnreferencedAsync(store, cancellationToken)).Select(b => new StoreProblem(StoreProblemKind.UnreferencedBlob, true, b.Digest, layout.BlobPath(b.Digest),
            $"blob {b.Digest} ({b.Size} bytes) is used by no image and no layer-cache record; prune or repair deletes it")));
        problems.AddRange(await OrphanedMetadataAsync(layout, entries, cancellationToken));
        return problems;
    }

    /// <summary>
    /// Removes leftover temp files nobody holds, every corrupt blob (listing the images that used them, which
    /// keep their tags and need a pull), index.json entries whose graph lacks a needed blob for any other
    /// reason, and intact blobs nothing references that are past the grace period.
    /// </summary>
    public static async Task<StoreRepairResult> RepairAsync(ImageStore store, CancellationToken cancellationToken = default)
    {
        var layout = store.Layout;
        long freed = 0;
        var removedTemps = new List<string>();
        foreach (var file in IngestLeftovers.Find(layout))
        {
            if (IngestLeftovers.TryRemove(file) is { } size)
            {
                removedTemps.Add(file.FullName);
                freed += size;
            }
        }

        // Corrupt blobs go first, all of them: nothing may read them again. The images that used them keep their
        // entries, marked for a re-pull (a pull fetches exactly the blobs now absent), instead of losing their tags.
        var corrupt = (await BlobScan.ScanAsync(layout, cancellationToken)).Where(p => p.Kind == StoreProblemKind.CorruptBlob).Select(p => p.Digest!.Value).ToHashSet();
        var removedBlobs = new List<Digest>();
        var needPull = new List<ImageNeedingPull>();
        var images = (await store.ListAsync(cancellationToken)).GroupBy(e => e.Digest).ToList();
        if (corrupt.Count > 0)
        {
            using var heldLock = await layout.AcquireLockAsync(cancellationToken);
            foreach (var image in images)
            {
                var walk = await LayoutGraphWalk.WalkAsync(layout, [image.First().Descriptor], continuePastUnreadable: true, cancellationToken: cancellationToken);
                var damaged = walk.Present.Keys.Concat(walk.Missing.Select(m => m.Blob.Digest)).Concat(walk.Unreadable.Select(u => u.Blob.Digest))
                    .Where(corrupt.Contains).Distinct().ToList();
                if (damaged.Count > 0)
                {
                    needPull.Add(new ImageNeedingPull(image.Key, image.Select(e => e.RefName).OfType<string>().ToList(), damaged));
                }
            }

            foreach (var digest in corrupt)
            {
                var file = new FileInfo(layout.BlobPath(digest));
                freed += file.Length;
                file.Delete();
                removedBlobs.Add(digest);
            }
        }

        var removedEntries = new List<StoreEntry>();
        var marked = needPull.Select(n => n.Digest).ToHashSet();
        foreach (var image in images.Where(i => !marked.Contains(i.Key)))
        {
            var walk = await LayoutGraphWalk.WalkAsync(layout, [image.First().Descriptor], continuePastUnreadable: true, cancellationToken: cancellationToken);
            if (walk.Missing.Any(m => !m.IsTolerated))
            {
                removedEntries.AddRange(await store.RemoveAsync(image.Key, cancellationToken));
            }
        }

        var collected = await store.CollectGarbageAsync(layout.Options.StaleTempAge, cancellationToken: cancellationToken);
        return new StoreRepairResult(removedTemps, removedEntries, removedBlobs, freed + collected.BytesFreed)
        {
            NeedPull = needPull,
            RemovedUnreferencedBlobs = collected.RemovedBlobs,
        };
    }

    /// <summary>Unreferenced blobs past the grace period; younger ones may belong to a pull or build running now.</summary>
    private static async Task<IEnumerable<UnreferencedBlob>> UnreferencedAsync(ImageStore store, CancellationToken cancellationToken)
    {
        var now = store.Layout.Options.Time.GetUtcNow();
        return (await store.FindUnreferencedBlobsAsync(cancellationToken)).Where(b => now - b.LastUsed >= store.Layout.Options.StaleTempAge);
    }

    private static string NameOf(IGrouping<Digest, StoreEntry> image)
    {
        var names = image.Select(e => e.RefName).OfType<string>().ToList();
        return names.Count > 0 ? $"image {string.Join(", ", names)}" : $"dangling image {image.Key}";
    }

    private static StoreProblem MissingProblem(string name, MissingBlob missing)
    {
        var blob = missing.Blob;
        var via = missing.Parent is { } parent ? $" (named by {parent.Digest})" : string.Empty;
        return missing.IsTolerated
            ? new StoreProblem(StoreProblemKind.MissingOptionalBlob, true, blob.Digest, null,
                $"{name}: {blob.MediaType} {blob.Digest}{via} is not stored; that is normal after a single-platform pull or for a foreign layer")
            : new StoreProblem(StoreProblemKind.MissingBlob, false, blob.Digest, null,
                $"{name} lacks {blob.MediaType} {blob.Digest}{via}; pull the image again, or repair to remove the broken entry");
    }

    private static async Task<IEnumerable<StoreProblem>> OrphanedMetadataAsync(OciLayout layout, IReadOnlyList<StoreEntry> entries, CancellationToken cancellationToken)
    {
        StoreMetadata metadata;
        try
        {
            metadata = await new StoreMetadataFile(layout).ReadAsync(cancellationToken);
        }
        catch (ImageBuildException ex)
        {
            return [new StoreProblem(StoreProblemKind.OrphanedMetadata, true, null, Path.Combine(layout.RootPath, StoreMetadataFile.FileName), ex.Message)];
        }

        var refNames = entries.Select(e => e.RefName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var digests = entries.Select(e => e.Digest.ToString()).ToHashSet(StringComparer.Ordinal);
        const string Note = "kept in the metadata file though the index has no such entry; harmless, dropped at the next change of the store";
        return metadata.Refs.Keys.Where(r => !refNames.Contains(r))
            .Select(r => new StoreProblem(StoreProblemKind.OrphanedMetadata, true, null, r, $"tag time of {r} is {Note}"))
            .Concat(metadata.Images.Keys.Where(d => !digests.Contains(d))
                .Select(d => new StoreProblem(StoreProblemKind.OrphanedMetadata, true, Digest.TryParse(d, out var digest) ? digest : null, d, $"pull source of {d} is {Note}")));
    }
}
