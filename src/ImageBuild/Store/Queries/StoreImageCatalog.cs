using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>Every image of the store, read once for one command; entries of one digest form one image.</summary>
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
        var images = new List<StoreImage>();
        foreach (var group in entries.GroupBy(e => e.Digest))
        {
            images.Add(await StoreImageLoader.LoadAsync(store, group.ToList(), cancellationToken));
        }

        return new StoreImageCatalog(images);
    }

    /// <summary>The stored indexes that list <paramref name="image"/> as one of their manifests.</summary>
    public IReadOnlyList<StoreImage> IndexesContaining(StoreImage image) =>
        Images.Where(i => !ReferenceEquals(i, image) && i.ChildDigests.Contains(image.Digest)).ToList();
}
