using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>
/// Copies one image between any two locations, preserving digests: the bytes of every manifest, index and
/// blob travel unchanged. From an index it copies only the chosen platform's manifest unless
/// <see cref="TransferOptions.AllPlatforms"/> is set (skopeo's default and its <c>--all</c>).
/// </summary>
public static class ImageCopier
{
    /// <summary>How often a copy into the store is repeated when blobs vanish under it before the tag is written.</summary>
    private const int MaxRecopies = 3;

    public static async Task<CopyResult> CopyAsync(
        ImageLocation source, ImageLocation destination, TransferEndpoints endpoints, TransferOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        await using var opened = await source.OpenSourceAsync(endpoints, cancellationToken);
        await using var target = await destination.OpenDestinationAsync(endpoints, opened, cancellationToken);
        return await CopyAsync(opened, target, options, cancellationToken);
    }

    public static async Task<CopyResult> CopyAsync(ImageSource source, ImageDestination destination, TransferOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var root = await SelectRootAsync(source, options, cancellationToken);
        destination.ValidateRoot(root);
        if (IsSameRepository(source, destination))
        {
            // A registry repository holds everything its manifests name, so only the tag is new.
            await destination.CommitAsync(root, source.Reader, cancellationToken);
            return new CopyResult(source.Root, root, new ContentCopySummary(0, 0, 0, []));
        }

        var reader = source.MountSource is null ? source.Reader : new DeferredBlobReader(source.Reader);
        var summary = await new ContentCopier(reader, destination.Writer).CopyAsync(root, cancellationToken, options.ToCopyOptions());
        for (var recopies = 0; ; recopies++)
        {
            try
            {
                await destination.CommitAsync(root, source.Reader, cancellationToken);
                return new CopyResult(source.Root, root, summary);
            }
            catch (IncompleteImageException) when (recopies < MaxRecopies)
            {
                // A concurrent rm or prune deleted a blob this copy had found in the store and skipped. Copying
                // again writes exactly what is missing now; the store refuses the tag until nothing is.
                var again = await new ContentCopier(reader, destination.Writer).CopyAsync(root, cancellationToken, options.ToCopyOptions());
                summary = summary with
                {
                    BlobsCopied = summary.BlobsCopied + again.BlobsCopied,
                    BlobsSkipped = summary.BlobsSkipped - again.BlobsCopied,
                    BytesCopied = summary.BytesCopied + again.BytesCopied,
                };
            }
        }
    }

    /// <summary>The root to copy: the source's own, or for one platform the manifest its index lists for that platform.</summary>
    public static async Task<Descriptor> SelectRootAsync(ImageSource source, TransferOptions options, CancellationToken cancellationToken)
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
