using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>
/// Reads the single-platform image under a root descriptor. For an index it picks the requested platform,
/// else the platform of this machine, else the index's only image.
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

        var manifest = JsonBlobs.ParseManifest(await reader.ReadSmallBlobAsync(manifestDescriptor, cancellationToken));
        var config = JsonBlobs.ParseConfig(
            await reader.ReadSmallBlobAsync(manifest.Value.Config, cancellationToken), manifest.Value.Config.MediaType);
        if (platform is not null && !platform.IsSatisfiedBy(config.Value.Platform))
        {
            throw new NotFoundException($"{displayName} is for {config.Value.Platform}, not {platform}; omit --platform or pick an image for {platform}");
        }

        return new SelectedImage(manifestDescriptor, manifest, config);
    }

    /// <summary>
    /// The manifest of <paramref name="index"/> for <paramref name="wanted"/>; without one, this machine's
    /// platform, else the index's only image.
    /// </summary>
    public static Descriptor Choose(ImageIndex index, Platform? wanted, string displayName)
    {
        var images = index.Manifests.Where(m => MediaTypes.IsManifest(m.MediaType)).ToList();
        if (wanted is not null)
        {
            return index.FindPlatform(wanted)
                ?? throw new NotFoundException($"{displayName} has no image for {wanted}; it has {Describe(images)}");
        }

        var current = Platform.Current();
        return index.FindPlatform(current)
            ?? (images.Count == 1 ? images[0] : null)
            ?? throw new InvalidInputException($"{displayName} has no image for this machine ({current}); pass --platform with one of {Describe(images)}");
    }

    private static string Describe(IReadOnlyList<Descriptor> images) =>
        images.Count == 0 ? "no platform images" : string.Join(", ", images.Select(i => i.Platform?.ToString() ?? "an unnamed platform"));
}
