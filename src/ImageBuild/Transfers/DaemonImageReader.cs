using ImageBuild.Archives;
using ImageBuild.Daemon;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>
/// Reads an image out of a daemon with the store as the staging place, as a pull uses it: when the store already
/// holds the image the daemon has (same ID, the config digest) nothing is read; otherwise the daemon's save stream
/// is read once, layers going into the store as they arrive, and the source reads from the store. Staged blobs that
/// no name ends up keeping are removed by the store's next prune, like any unreferenced blob.
/// </summary>
internal static class DaemonImageReader
{
    public static async Task<ImageSource> OpenAsync(IImageDaemon daemon, string name, ImageStore store, string displayName, CancellationToken cancellationToken = default)
    {
        var id = await daemon.FindImageIdAsync(name, cancellationToken)
            ?? throw new DaemonImageMissingException(
                $"no image {name} in the {daemon.Endpoint.EngineName} daemon at {daemon.Endpoint.Display}: check the name with '{daemon.Endpoint.EngineName.ToLowerInvariant()} image ls', or pull or build it there first");
        var root = await FindInStoreAsync(store, id, cancellationToken) ?? await StageAsync(daemon, id, store, displayName, cancellationToken);
        return new ImageSource(root, store.Layout, displayName);
    }

    private static async Task<Descriptor?> FindInStoreAsync(ImageStore store, string id, CancellationToken cancellationToken)
    {
        try
        {
            var match = await store.FindByIdPrefixAsync(id, cancellationToken);
            var entry = match.Entries.Select(e => e.Descriptor).FirstOrDefault(d => MediaTypes.IsManifest(d.MediaType));
            return entry is not null && match.ImageId.ToString() == id && await IsCompleteAsync(store, entry, cancellationToken)
                ? IndexEdits.WithRefName(entry, null) with { Platform = null }
                : null;
        }
        catch (ImageBuildException)
        {
            // Not there (or an ID that is not a config digest, as a containerd-backed daemon's): read it from the daemon.
            return null;
        }
    }

    private static async Task<bool> IsCompleteAsync(ImageStore store, Descriptor entry, CancellationToken cancellationToken) =>
        (await LayoutGraphWalk.WalkAsync(store.Layout, [entry], cancellationToken: cancellationToken)).Missing.All(m => m.IsTolerated);

    private static async Task<Descriptor> StageAsync(IImageDaemon daemon, string id, ImageStore store, string displayName, CancellationToken cancellationToken)
    {
        await using var archive = await daemon.SaveAsync(id, cancellationToken);
        var images = await StreamedDockerArchive.ImportAsync(archive, store.Layout, displayName, cancellationToken);
        var image = images.Count == 1 ? images[0] : null;
        if (image is null)
        {
            throw new ImageBuildException($"the {daemon.Endpoint.EngineName} daemon sent {images.Count} images for {displayName}, not one: name the image by its ID");
        }

        return image.Root with { Platform = null };
    }
}
