using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>
/// Every image of the store, read once for one command. Entries whose manifests have one config are one
/// image, as docker has one image per ID whatever number of pulls, loads or manifests led to it.
/// </summary>
public sealed class StoreImageCatalog
{
    private StoreImageCatalog(IReadOnlyList<StoreImage> images)
    {
        Images = images;
    }

    /// <summary>The images in index.json order of their first entry.</summary>
    public IReadOnlyList<StoreImage> Images { get; }

    public static async Task<StoreImageCatalog> LoadAsync(ImageStore store, CancellationToken cancellationToken = default)
    {
        var entries = await store.ListAsync(cancellationToken);
        var manifests = new Dictionary<Digest, StoreManifest>();
        foreach (var entry in entries)
        {
            if (!manifests.ContainsKey(entry.Digest))
            {
                manifests[entry.Digest] = await StoreImageLoader.LoadAsync(store, entry.Descriptor, cancellationToken);
            }
        }

        var images = entries
            .GroupBy(e => manifests[e.Digest].ImageId)
            .Select(group => new StoreImage(
                group.Key,
                group.ToList(),
                group.Select(e => e.Digest).Distinct().Select(d => manifests[d]).ToList(),
                group.Where(e => !e.IsDangling).Select(ImageTag.FromEntry).OrderBy(t => t.RefName, StringComparer.Ordinal).ToList()))
            .ToList();
        return new StoreImageCatalog(images);
    }

    /// <summary>The stored indexes that list one of <paramref name="image"/>'s manifests.</summary>
    public IReadOnlyList<StoreImage> IndexesContaining(StoreImage image) =>
        Images.Where(i => !ReferenceEquals(i, image) && i.ChildDigests.Any(c => image.Manifests.Any(m => m.Digest == c))).ToList();
}
