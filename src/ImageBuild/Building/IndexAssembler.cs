using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Store;
using ImageBuild.Store.Queries;

namespace ImageBuild.Building;

/// <summary>
/// Makes a multi-platform index from single-platform images already in the store, as
/// <c>docker manifest create</c> does; each entry's platform is read from the image's config.
/// </summary>
public sealed class IndexAssembler(ImageStore store)
{
    /// <param name="images">Store images by reference or ID; an index contributes all its platform images.</param>
    /// <returns>The index descriptor, tagged <paramref name="indexRef"/> in the store.</returns>
    public async Task<Descriptor> CreateAsync(string indexRef, IReadOnlyList<string> images, ImageFormat format, CancellationToken cancellationToken = default)
    {
        if (!ImageReference.TryParse(indexRef, out var reference, out var error))
        {
            throw new InvalidInputException($"invalid index name \"{indexRef}\": {error}");
        }

        if (reference.Digest is not null)
        {
            throw new InvalidInputException($"cannot name an index {indexRef}: a digest is computed from the content; give a name and tag instead");
        }

        if (images.Count == 0)
        {
            throw new InvalidInputException("an index needs at least one image: list the platform images after its name");
        }

        var catalog = await StoreImageCatalog.LoadAsync(store, cancellationToken);
        var entries = new List<Descriptor>();
        foreach (var text in images)
        {
            var image = ImageResolver.Resolve(catalog, text).Image;
            entries.AddRange(await EntriesOfAsync(image.Descriptor, text, cancellationToken));
        }

        if (entries.GroupBy(e => e.Platform!.ToString()).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new InvalidInputException($"two images are for {duplicate.Key}: an index holds one image per platform");
        }

        var docker = format switch
        {
            ImageFormat.Docker => true,
            ImageFormat.Oci => false,
            _ => entries.All(e => e.MediaType == MediaTypes.DockerManifest),
        };
        if (docker && entries.Any(e => e.MediaType != MediaTypes.DockerManifest))
        {
            throw new InvalidInputException("a Docker manifest list can only hold Docker manifests: use --format oci or rebuild the images with --format docker");
        }

        var index = JsonBlobs.Index(new ImageIndex { MediaType = docker ? MediaTypes.DockerManifestList : MediaTypes.OciIndex, Manifests = entries });
        var descriptor = await store.Layout.WriteJsonAsync(index, cancellationToken);
        await store.TagAsync(reference.WithDefaultTag().ToString(), descriptor, cancellationToken);
        return descriptor;
    }

    private async Task<IReadOnlyList<Descriptor>> EntriesOfAsync(Descriptor root, string text, CancellationToken cancellationToken)
    {
        if (MediaTypes.IsIndex(root.MediaType))
        {
            var index = OciJson.ParseIndex(await store.Layout.ReadSmallBlobAsync(root, cancellationToken));
            return index.Manifests.Where(m => MediaTypes.IsManifest(m.MediaType) && m.Platform is not null).ToList();
        }

        var image = await ManifestSelector.ResolveAsync(store.Layout, root, null, text, cancellationToken);
        return [image.ManifestDescriptor with { Annotations = null, Platform = image.Platform }];
    }
}
