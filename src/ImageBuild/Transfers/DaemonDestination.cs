using ImageBuild.Archives;
using ImageBuild.Content;
using ImageBuild.Daemon;
using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Transfers;

/// <summary>
/// A Docker or Podman daemon to load images into. Content: an image the daemon already has (its ID is our config
/// digest) sends nothing; any other is streamed as a docker-archive into the daemon's load as the archive is written
/// (layers as stored, no tags in it), so nothing is collected first and a failed load names nothing. From an index the
/// image of the daemon's own platform is loaded: a daemon holds one platform per name. Commit: the names are put on
/// the loaded image, so a name never points at an image the daemon has only part of.
/// </summary>
/// <param name="ownName">The location's own name, which wins over the caller's names; null to use them.</param>
public sealed class DaemonDestination(IImageDaemon daemon, ImageReference? ownName, Func<string> newScratchFile, string displayName) : ImageDestination
{
    private readonly Dictionary<Digest, string> loadedIds = [];
    private DaemonInfo? info;

    public override string DisplayName => displayName;

    /// <summary>Where the daemon answered, for messages.</summary>
    public DaemonEndpoint Endpoint => daemon.Endpoint;

    /// <summary>The daemon's ID of each image written, by its root digest.</summary>
    public IReadOnlyDictionary<Digest, string> LoadedIds => loadedIds;

    public override async Task<ContentCopySummary> WriteContentAsync(
        IReadOnlyList<NamedImage> images, IBlobReader source, ContentCopyOptions options, CancellationToken cancellationToken = default)
    {
        info ??= await daemon.ConnectAsync(cancellationToken);
        var summaries = new List<ContentCopySummary>();
        foreach (var image in images)
        {
            var platform = MediaTypes.IsIndex(image.Root.MediaType) ? info.Platform : null;
            var selected = await ManifestSelector.ResolveAsync(source, image.Root, platform, displayName, cancellationToken);
            var blobs = 1 + selected.Manifest.Value.Layers.Count;
            if (await daemon.FindImageIdAsync(selected.Id.ToString(), cancellationToken) is { } present)
            {
                loadedIds[image.Root.Digest] = present;
                summaries.Add(new ContentCopySummary(0, blobs, 0, []));
                continue;
            }

            ContentCopySummary? written = null;
            var archive = new ArchiveImage(selected.ManifestDescriptor with { Platform = null }, []);
            loadedIds[image.Root.Digest] = await daemon.LoadAsync(
                async (stream, ct) => written = await new DockerArchiveWriter(newScratchFile).WriteAsync(stream, source, [archive], ct),
                cancellationToken);
            summaries.Add(written ?? new ContentCopySummary(blobs, 0, 0, []));
        }

        return ContentCopySummary.Sum(summaries);
    }

    public override async Task CommitAsync(IReadOnlyList<NamedImage> images, IBlobReader source, CancellationToken cancellationToken = default)
    {
        foreach (var image in images)
        {
            var id = loadedIds[image.Root.Digest];
            foreach (var name in ownName is not null ? [ownName] : image.Names.Select(n => n.WithDefaultTag()).DistinctBy(n => n.ToString()))
            {
                await daemon.TagAsync(id, name, cancellationToken);
            }
        }
    }

    public override ValueTask DisposeAsync()
    {
        daemon.Dispose();
        return ValueTask.CompletedTask;
    }
}
