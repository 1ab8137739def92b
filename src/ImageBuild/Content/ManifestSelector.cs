using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>
/// Reads the single-platform image under a root descriptor. For an index, <see cref="PlatformChooser"/> picks the
/// image (the requested platform, else this machine's).
/// </summary>
public static class ManifestSelector
{
    public static async Task<SelectedImage> ResolveAsync(
        IBlobReader reader, Descriptor root, Platform? platform, string displayName, CancellationToken cancellationToken = default)
    {
        var manifestDescriptor = root;
        if (MediaTypes.IsIndex(root.MediaType))
        {
            var index = JsonBlobs.ParseIndex(await reader.ReadSmallBlobAsync(root, cancellationToken));
            manifestDescriptor = Choose(index.Value, platform, displayName);
        }
        else if (!MediaTypes.IsManifest(root.MediaType))
        {
            throw new ImageBuildException($"{displayName} is a {root.MediaType}, not an image manifest or index");
        }

        var image = await ReadAsync(reader, manifestDescriptor, cancellationToken);
        if (platform is not null && !platform.IsSatisfiedBy(image.Platform))
        {
            throw new NotFoundException($"{displayName} is for {image.Platform}, not {platform}; omit --platform or pick an image for {platform}");
        }

        return image;
    }

    /// <summary>Reads the image a manifest descriptor names: its manifest and config.</summary>
    public static async Task<SelectedImage> ReadAsync(IBlobReader reader, Descriptor manifestDescriptor, CancellationToken cancellationToken = default)
    {
        var manifest = JsonBlobs.ParseManifest(await reader.ReadSmallBlobAsync(manifestDescriptor, cancellationToken));
        var config = JsonBlobs.ParseConfig(
            await reader.ReadSmallBlobAsync(manifest.Value.Config, cancellationToken), manifest.Value.Config.MediaType);
        return new SelectedImage(manifestDescriptor, manifest, config);
    }

    /// <summary>The manifest of <paramref name="index"/> that <see cref="PlatformChooser"/> picks.</summary>
    public static Descriptor Choose(ImageIndex index, Platform? wanted, string displayName) =>
        PlatformChooser.Choose(index.Manifests, wanted, displayName);
}
