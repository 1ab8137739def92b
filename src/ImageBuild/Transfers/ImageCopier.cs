using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>
/// Copies images between any locations, preserving digests: the bytes of every manifest, index and blob travel
/// unchanged. From an index it copies only the chosen platform's manifest unless
/// <see cref="TransferOptions.AllPlatforms"/> is set (skopeo's default and its <c>--all</c>), and with
/// <see cref="TransferOptions.IncludeReferrers"/> the referrers of what it copies. Every write, one
/// destination or many, goes in two phases: all content everywhere, then all names, so no name anywhere points at
/// something a destination lacks.
/// </summary>
public static class ImageCopier
{
    /// <summary>How often content is written again when blobs vanish from the store before the names go in.</summary>
    private const int MaxRewrites = 3;

    public static async Task<CopyResult> CopyAsync(
        ImageLocation source, ImageLocation destination, TransferEndpoints endpoints, TransferOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        await using var opened = await source.OpenSourceAsync(endpoints, cancellationToken);
        await using var target = await destination.OpenDestinationAsync(endpoints, opened, cancellationToken);
        return await CopyAsync(opened, target, options, cancellationToken);
    }

    public static async Task<CopyResult> CopyAsync(ImageSource source, ImageDestination destination, TransferOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var root = await SelectRootAsync(source, options, cancellationToken);
        var image = new NamedImage(root)
        {
            Referrers = options.IncludeReferrers && source.Referrers is { } referrers
                ? await ReferrerGraph.CollectAsync(source.Reader, referrers, root, cancellationToken)
                : [],
        };
        var summaries = await WriteAsync(source, [new DestinationWrite(destination, [image])], options.ToCopyOptions(), cancellationToken);
        return new CopyResult(source.Root, root, summaries[0]);
    }

    /// <summary>
    /// Writes images from <paramref name="source"/> to several destinations: each destination's content first (a
    /// destination that is the source's own registry repository already has it), then every destination's names.
    /// </summary>
    /// <returns>What was written to each destination, in order.</returns>
    public static Task<IReadOnlyList<ContentCopySummary>> WriteAsync(
        ImageSource source, IReadOnlyList<DestinationWrite> writes, ContentCopyOptions options, CancellationToken cancellationToken = default) =>
        WriteAsync(source.Reader, source, writes, options, cancellationToken);

    /// <summary>Writes images whose blobs <paramref name="source"/> serves (the store, an archive's contents) to several destinations, as above.</summary>
    public static Task<IReadOnlyList<ContentCopySummary>> WriteAsync(
        IBlobReader source, IReadOnlyList<DestinationWrite> writes, ContentCopyOptions options, CancellationToken cancellationToken = default) =>
        WriteAsync(source, null, writes, options, cancellationToken);

    private static async Task<IReadOnlyList<ContentCopySummary>> WriteAsync(
        IBlobReader sourceReader, ImageSource? source, IReadOnlyList<DestinationWrite> writes, ContentCopyOptions options, CancellationToken cancellationToken)
    {
        foreach (var write in writes)
        {
            foreach (var image in write.Images)
            {
                write.Destination.Validate(image);
            }
        }

        // Streams open on first read: a blob a registry destination mounts is never requested from the source.
        var reader = source?.MountSource is null ? sourceReader : new DeferredBlobReader(sourceReader);
        var summaries = new List<ContentCopySummary>();
        foreach (var write in writes)
        {
            summaries.Add(source is not null && IsSameRepository(source, write.Destination)
                ? ContentCopySummary.None
                : await write.Destination.WriteContentAsync(write.Images, reader, options, cancellationToken));
        }

        for (var i = 0; i < writes.Count; i++)
        {
            summaries[i] = await CommitAsync(writes[i], reader, sourceReader, options, summaries[i], cancellationToken);
        }

        return summaries;
    }

    /// <summary>
    /// Names the images of one write. When the store refuses a tag because a concurrent rm or prune deleted a blob
    /// this write had found there and skipped, the content is written again (which writes exactly what is missing
    /// now) and the names follow.
    /// </summary>
    private static async Task<ContentCopySummary> CommitAsync(
        DestinationWrite write, IBlobReader reader, IBlobReader sourceReader, ContentCopyOptions options, ContentCopySummary written, CancellationToken cancellationToken)
    {
        for (var rewrites = 0; ; rewrites++)
        {
            try
            {
                await write.Destination.CommitAsync(write.Images, sourceReader, cancellationToken);
                return written;
            }
            catch (IncompleteImageException incomplete) when (rewrites < MaxRewrites)
            {
                ContentCopySummary again;
                try
                {
                    again = await write.Destination.WriteContentAsync(write.Images, reader, options, cancellationToken);
                }
                catch (NotFoundException)
                {
                    // The source no longer has the blob either (it was the store itself, as for a build): the caller
                    // must make it again, which the store's refusal tells it.
                    throw incomplete;
                }

                written = written with
                {
                    BlobsCopied = written.BlobsCopied + again.BlobsCopied,
                    BlobsSkipped = written.BlobsSkipped - again.BlobsCopied,
                    BytesCopied = written.BytesCopied + again.BytesCopied,
                };
            }
        }
    }

    /// <summary>The root to copy: the source's own, or for one platform the manifest its index lists for that platform.</summary>
    public static async Task<Descriptor> SelectRootAsync(ImageSource source, TransferOptions options, CancellationToken cancellationToken = default)
    {
        if (options.AllPlatforms)
        {
            return source.Root;
        }

        if (MediaTypes.IsIndex(source.Root.MediaType))
        {
            var index = OciJson.ParseIndex(await source.Reader.ReadSmallBlobAsync(source.Root, cancellationToken));
            return ManifestSelector.Choose(index, options.Platform, source.DisplayName);
        }

        if (options.Platform is not null)
        {
            // Reads the config to check the platform; the caching reader keeps it for the copy.
            return (await ManifestSelector.ResolveAsync(source.Reader, source.Root, options.Platform, source.DisplayName, cancellationToken)).ManifestDescriptor;
        }

        return source.Root;
    }

    private static bool IsSameRepository(ImageSource source, ImageDestination destination) =>
        source.Repository is { } repository
        && destination is RegistryDestination registry
        && registry.Client.Registry == repository.Client.Registry
        && registry.Repository == repository.Name;
}
