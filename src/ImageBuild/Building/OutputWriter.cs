using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Store;
using ImageBuild.Transfers;

namespace ImageBuild.Building;

/// <summary>
/// Writes an image made in the store (a build, a rebase) to its outputs through the transfer locations, as
/// <c>copy</c> writes: content to all of them first, then the tags, so a failure part-way leaves no name pointing at
/// content an output lacks. Blobs the image shares with where it came from are read from there only when an output
/// lacks them, and a registry output mounts them from the repository that holds them instead.
/// </summary>
internal sealed class OutputWriter(ImageStore store, TransferEndpoints? endpoints)
{
    /// <param name="sources">Where the blobs not staged in the store are, in the order to try.</param>
    /// <param name="mountFrom">For a registry host, a target repository and a blob: the repository there that holds the blob, or null.</param>
    public async Task<(int Uploaded, int Mounted, int Skipped)> WriteAsync(
        Descriptor root,
        IReadOnlyList<Referrer> referrers,
        IReadOnlyList<BuildOutput> outputs,
        IReadOnlyList<ImageReference> tags,
        IReadOnlyList<IBlobReader> sources,
        Func<string, string, Descriptor, string?>? mountFrom,
        CancellationToken cancellationToken = default)
    {
        var targets = outputs.SelectMany(o => o.Targets(tags)).ToList();
        var reachable = endpoints ?? TransferEndpoints.Local(store);
        var source = new ImageSource(
            root,
            new FallbackBlobReader([store.Layout, .. sources]),
            "the built image",
            mountSource: await MountSourcesAsync(mountFrom, targets.Select(t => t.Location), cancellationToken));
        var writes = new List<DestinationWrite>();
        try
        {
            foreach (var (location, names) in targets)
            {
                writes.Add(new DestinationWrite(await location.OpenDestinationAsync(reachable, source, cancellationToken), [new NamedImage(root, names) { Referrers = referrers }]));
            }

            var summaries = await ImageCopier.WriteAsync(source, writes, ContentCopyOptions.Default, cancellationToken);
            var mounted = writes.Select(w => w.Destination).OfType<RegistryDestination>().Sum(d => d.Sink.MountedCount);
            return (summaries.Sum(s => s.BlobsCopied) - mounted, mounted, summaries.Sum(s => s.BlobsSkipped));
        }
        finally
        {
            foreach (var write in writes)
            {
                await write.Destination.DisposeAsync();
            }
        }
    }

    /// <summary>For pushes: the caller's repositories first, then the repositories store images came from.</summary>
    private async Task<Func<string, string, Descriptor, string?>?> MountSourcesAsync(
        Func<string, string, Descriptor, string?>? mountFrom, IEnumerable<ImageLocation> locations, CancellationToken cancellationToken)
    {
        if (!locations.OfType<RegistryLocation>().Any())
        {
            return null;
        }

        var stored = await StoreMountSources.LoadAsync(store, cancellationToken);
        return (host, target, blob) => mountFrom?.Invoke(host, target, blob) ?? stored.Find(host, target, blob);
    }
}
