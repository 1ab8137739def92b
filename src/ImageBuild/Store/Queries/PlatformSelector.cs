using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>
/// Picks the single-platform image inspect and history show: a manifest's own content; for an index the child
/// <see cref="PlatformChooser"/> picks, as every other command does.
/// </summary>
public static class PlatformSelector
{
    /// <summary>The chosen content and, for an index child, its entry in the index.</summary>
    public static (SelectedImage Image, IndexChild? Child) Select(StoreImage image, Platform? platform)
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

        var chosen = PlatformChooser.Choose(image.Children.Select(c => c.Descriptor).ToList(), platform, "image " + name);
        var child = image.Children.First(c => c.Descriptor.Digest == chosen.Digest);
        return child.Image is { } content
            ? (content, child)
            : throw new NotFoundException(
                $"the {child.Descriptor.Platform} manifest of {name} is not in the store; pull the image with --platform {child.Descriptor.Platform}");
    }

    /// <summary>The first tag in familiar form, else the short image ID.</summary>
    public static string DisplayName(StoreImage image) =>
        image.Tags.Count > 0 ? image.Tags[0].FamiliarString : image.ImageId.ShortHex;

    private static ImageBuildException Unreadable(string name) =>
        new($"image {name} cannot be read: its manifest or config is missing or damaged; run the store check (fsck) or pull the image again");
}
