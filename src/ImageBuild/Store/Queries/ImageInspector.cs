using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>
/// <c>image inspect</c>: docker's view of a stored image. For an index, <c>Id</c> stays the index digest while
/// the config comes from one child (see <see cref="PlatformSelector"/>), and <see cref="ImageInspect.Manifests"/>
/// lists every child.
/// </summary>
public static class ImageInspector
{
    public static async Task<ImageInspect> InspectAsync(ImageStore store, string text, Platform? platform, CancellationToken cancellationToken = default)
    {
        var resolved = await ImageResolver.ResolveAsync(store, text, cancellationToken);
        return Inspect(resolved.Image, platform);
    }

    public static ImageInspect Inspect(StoreImage image, Platform? platform)
    {
        var (content, child) = PlatformSelector.Select(image, platform);
        return new ImageInspect
        {
            Id = image.ImageId,
            RepoTags = image.RepoTags(),
            RepoDigests = image.RepoDigests(),
            ConfigBytes = content.Config.Bytes,
            Config = content.Config.Value,
            Size = image.IsIndex && platform is not null && child is not null ? child.Size : image.Size,
            LastTagTime = image.LastTagTime,
            Manifests = image.IsIndex
                ? image.Children.Select(c => new ImageInspectManifest(c.Descriptor.Digest.ToString(), c.Descriptor.MediaType, c.Descriptor.Size, c.Descriptor.Platform, c.IsAvailable)).ToList()
                : null,
        };
    }
}
