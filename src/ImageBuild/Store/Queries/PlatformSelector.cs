using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>
/// Picks the single-platform image inspect and history show: a manifest's own content; for an index the
/// child for <c>--platform</c>, or without it the child for the current platform (else the first stored).
/// </summary>
public static class PlatformSelector
{
    /// <summary>The chosen content and, for an index child, its entry in the index.</summary>
    public static (PlatformImage Image, IndexChild? Child) Select(StoreImage image, Platform? platform)
    {
        var name = DisplayName(image);
        if (!image.IsIndex)
        {
            var own = image.Image ?? throw Unreadable(name);
            if (platform is not null && !platform.IsSatisfiedBy(own.Platform))
            {
                throw new NotFoundException($"image {name} is for {own.Platform}, not {platform}; leave out --platform or name another image");
            }

            return (own, null);
        }

        if (platform is null)
        {
            var representative = image.Image ?? throw Unreadable(name);
            return (representative, image.Children.FirstOrDefault(c => ReferenceEquals(c.Image, representative)));
        }

        var child = image.Children.FirstOrDefault(c =>
            c.Descriptor.Platform is not null && MediaTypes.IsManifest(c.Descriptor.MediaType) && platform.IsSatisfiedBy(c.Descriptor.Platform));
        if (child is null)
        {
            var available = image.Children.Select(c => c.Descriptor.Platform?.ToString()).OfType<string>().Distinct();
            throw new NotFoundException($"image {name} has no {platform} manifest; its platforms are: {string.Join(", ", available)}");
        }

        return child.Image is { } chosen
            ? (chosen, child)
            : throw new NotFoundException($"the {platform} manifest of {name} is not in the store; pull the image with --platform {platform}");
    }

    /// <summary>The first tag in familiar form, else the short image ID.</summary>
    public static string DisplayName(StoreImage image) =>
        image.Tags.Count > 0 ? image.Tags[0].FamiliarString : image.ImageId.ShortHex;

    private static ImageBuildException Unreadable(string name) =>
        new($"image {name} cannot be read: its manifest or config is missing or damaged; run the store check (fsck) or pull the image again");
}
