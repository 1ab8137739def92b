using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>
/// <c>system df</c>: sizes from the blobs on disk, each blob counted once however many images use it, plus the layer
/// cache and the blobs nothing references.
/// </summary>
public static class DiskUsage
{
    public static async Task<DiskUsageReport> ComputeAsync(ImageStore store, CancellationToken cancellationToken = default)
    {
        var catalog = await StoreImageCatalog.LoadAsync(store, cancellationToken);
        var imageBlobs = catalog.Images.SelectMany(i => i.DiskUsage.Blobs.Keys).ToHashSet();
        var records = await store.LayerCache.ListAsync(cancellationToken);
        var cached = records.Select(r => r.Record).Where(r => store.Layout.HasBlob(r.ToDescriptor())).DistinctBy(r => r.Digest).ToList();
        var unreferenced = await store.FindUnreferencedBlobsAsync(cancellationToken);
        var now = store.Layout.Options.Time.GetUtcNow();
        return Compute(catalog) with
        {
            LayerCache = new LayerCacheUsage(
                records.Count,
                records.Count(r => imageBlobs.Contains(r.Record.Digest)),
                cached.Sum(r => r.Size),
                cached.Where(r => !imageBlobs.Contains(r.Digest)).Sum(r => r.Size)),
            Unreferenced = new UnreferencedUsage(
                unreferenced.Count,
                unreferenced.Sum(b => b.Size),
                unreferenced.Where(b => now - b.LastUsed >= store.Layout.Options.StaleTempAge).Sum(b => b.Size),
                store.Layout.Options.StaleTempAge),
        };
    }

    public static DiskUsageReport Compute(StoreImageCatalog catalog)
    {
        var users = new Dictionary<Digest, int>();
        var sizes = new Dictionary<Digest, long>();
        foreach (var blob in catalog.Images.SelectMany(i => i.DiskUsage.Blobs))
        {
            users[blob.Key] = users.GetValueOrDefault(blob.Key) + 1;
            sizes[blob.Key] = blob.Value;
        }

        var keptByTags = catalog.Images.Where(i => !i.IsDangling).SelectMany(i => i.DiskUsage.Blobs.Keys).ToHashSet();
        var rows = catalog.Images
            .Select(image =>
            {
                var shared = image.DiskUsage.Blobs.Where(b => users[b.Key] > 1).Sum(b => b.Value);
                var tag = image.Tags.FirstOrDefault();
                return new DiskUsageImageRow(
                    tag?.Repository ?? ImageTag.None, tag?.Tag ?? ImageTag.None, image.ImageId, image.Created, image.Size, shared, image.Size - shared, 0);
            })
            .OrderByDescending(r => r.Created ?? DateTimeOffset.MinValue)
            .ThenBy(r => r.Repository, StringComparer.Ordinal)
            .ThenBy(r => r.Tag, StringComparer.Ordinal)
            .ToList();
        return new DiskUsageReport(
            catalog.Images.Count,
            catalog.Images.Count(i => !i.IsDangling),
            sizes.Values.Sum(),
            sizes.Where(s => users[s.Key] > 1).Sum(s => s.Value),
            sizes.Where(s => !keptByTags.Contains(s.Key)).Sum(s => s.Value),
            rows);
    }
}
