using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>
/// Reads what the image commands need of one stored manifest or index. A damaged one (a missing or corrupt
/// manifest) still loads, with what could be read, so <c>ls</c> and <c>rm</c> keep working on a damaged store.
/// </summary>
internal static class StoreImageLoader
{
    public static async Task<StoreManifest> LoadAsync(ImageStore store, Descriptor entry, CancellationToken cancellationToken = default)
    {
        var layout = store.Layout;
        var descriptor = IndexEdits.WithRefName(entry, null);
        SelectedImage? image = null;
        IReadOnlyList<IndexChild> children = [];
        if (MediaTypes.IsIndex(descriptor.MediaType))
        {
            children = await TryReadChildrenAsync(layout, descriptor, cancellationToken);
            image = Representative(children);
        }
        else if (MediaTypes.IsManifest(descriptor.MediaType))
        {
            image = await TryReadPlatformImageAsync(layout, descriptor, cancellationToken);
        }

        var usage = await GetDiskUsageAsync(layout, descriptor, cancellationToken);
        return new StoreManifest(descriptor, image, children, usage);
    }

    private static async Task<SelectedImage?> TryReadPlatformImageAsync(OciLayout layout, Descriptor manifestDescriptor, CancellationToken cancellationToken)
    {
        try
        {
            return await ManifestSelector.ReadAsync(layout, manifestDescriptor, cancellationToken);
        }
        catch (ImageBuildException)
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<IndexChild>> TryReadChildrenAsync(OciLayout layout, Descriptor indexDescriptor, CancellationToken cancellationToken)
    {
        ImageIndex index;
        try
        {
            index = OciJson.ParseIndex(await layout.ReadSmallBlobAsync(indexDescriptor, cancellationToken));
        }
        catch (ImageBuildException)
        {
            return [];
        }

        var children = new List<IndexChild>();
        foreach (var child in index.Manifests)
        {
            var image = MediaTypes.IsManifest(child.MediaType) && layout.HasBlob(child)
                ? await TryReadPlatformImageAsync(layout, child, cancellationToken)
                : null;
            var (isAvailable, size) = await MeasureAsync(layout, child, cancellationToken);
            children.Add(new IndexChild(child, image, isAvailable, size));
        }

        return children;
    }

    private static async Task<(bool IsComplete, long Size)> MeasureAsync(OciLayout layout, Descriptor root, CancellationToken cancellationToken)
    {
        var walk = await LayoutGraphWalk.WalkAsync(layout, [root], continuePastUnreadable: true, cancellationToken: cancellationToken);
        return (walk.Missing.Count == 0 && walk.Unreadable.Count == 0, walk.PresentSize);
    }

    private static SelectedImage? Representative(IReadOnlyList<IndexChild> children)
    {
        // Only what an ls row shows (created time, labels for filters): commands that act on an image choose through
        // PlatformSelector, which errors where this falls back to the first readable child.
        var chosen = PlatformChooser.TryChoose(children.Where(c => c.Image is not null).Select(c => c.Descriptor).ToList(), wanted: null);
        return children.FirstOrDefault(c => chosen is not null && c.Descriptor.Digest == chosen.Digest)?.Image
            ?? children.Select(c => c.Image).OfType<SelectedImage>().FirstOrDefault();
    }

    /// <summary>Continues past damaged documents so removing a damaged image still frees what it has on disk.</summary>
    private static async Task<ImageDiskUsage> GetDiskUsageAsync(OciLayout layout, Descriptor descriptor, CancellationToken cancellationToken)
    {
        var walk = await LayoutGraphWalk.WalkAsync(layout, [descriptor], continuePastUnreadable: true, cancellationToken: cancellationToken);
        return new ImageDiskUsage(walk.PresentSize, walk.Present);
    }
}
