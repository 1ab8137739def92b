using ImageBuild.Content;
using ImageBuild.Oci;

namespace ImageBuild.Transfers;

/// <summary>
/// Copies one image between any two locations, preserving digests: the bytes of every manifest, index and
/// blob travel unchanged. From an index it copies only the chosen platform's manifest unless
/// <see cref="TransferOptions.AllPlatforms"/> is set (skopeo's default and its <c>--all</c>).
/// </summary>
public static class ImageCopier
{
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
        ContentCopySummary summary;
        if (IsSameRepository(source, destination))
        {
            // A registry repository holds everything its manifests name, so only the tag is new.
            summary = new ContentCopySummary(0, 0, 0, []);
        }
        else
        {
            var reader = source.MountSource is null ? source.Reader : new DeferredBlobReader(source.Reader);
            summary = await new ContentCopier(reader, destination.Writer).CopyAsync(root, cancellationToken, options.ToCopyOptions());
        }

        await destination.CommitAsync(root, source.Reader, cancellationToken);
        return new CopyResult(source.Root, root, summary);
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
