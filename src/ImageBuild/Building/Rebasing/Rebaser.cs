using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Store;
using ImageBuild.Store.Queries;
using ImageBuild.Transfers;

namespace ImageBuild.Building.Rebasing;

/// <summary>
/// Moves images onto a new base without rebuilding them (crane rebase): each platform manifest gets the new base's
/// layers under its own, which stay byte for byte, and the result goes where the image came from (a registry image
/// is pushed to the tags' registries, a store image stored). In a registry only manifests and configs are read: the
/// image's own layers are mounted (or already there), the new base's mounted from its repository, so no layer is
/// downloaded when everything lives in one registry. A multi-platform image is rebased platform by platform onto
/// the matching platform of the new base.
/// </summary>
public sealed class Rebaser(ImageStore store, TransferEndpoints endpoints)
{
    public async Task<RebaseResult> RebaseAsync(RebasePlan plan, CancellationToken cancellationToken = default)
    {
        var found = await ImageLookup.OpenAsync(plan.Image, endpoints, plan.Remote, cancellationToken);
        await using var image = found.Source;
        var tags = Tags(plan, found.Name);
        var recorded = await RecordedBase.ReadAsync(image.Reader, image.Root, cancellationToken);
        await using var oldBase = await OpenOldBaseAsync(plan, recorded, cancellationToken);
        var newBaseText = plan.NewBase ?? recorded.MovingName
            ?? throw new InvalidInputException($"{plan.Image} records no base name to rebase onto: give --new-base");
        var newFound = await ImageLookup.OpenAsync(newBaseText, endpoints, plan.Remote, cancellationToken);
        await using var newBase = newFound.Source;
        var newName = newFound.Name ?? (plan.NewBase is null ? recorded.MovingName : null);

        var images = new List<RebasedImage>();
        var replaced = new Dictionary<Digest, Descriptor>();
        foreach (var manifest in await PlatformManifestsAsync(image, cancellationToken))
        {
            var current = await ManifestSelector.ResolveAsync(image.Reader, manifest, null, plan.Image, cancellationToken);
            var old = await SelectAsync(oldBase, "old base", current.Platform, plan.Image, cancellationToken);
            var fresh = await SelectAsync(newBase, "new base", current.Platform, plan.Image, cancellationToken);
            var (config, rebased, summary) = PlatformRebase.Compose(plan.Image, current, old, fresh, newBase.Root.Digest, newName);
            await store.Layout.WriteJsonAsync(config, cancellationToken);
            replaced[manifest.Digest] = await store.Layout.WriteJsonAsync(rebased, cancellationToken);
            images.Add(summary);
        }

        var root = MediaTypes.IsIndex(image.Root.MediaType)
            ? await WriteIndexAsync(image, replaced, newBase.Root.Digest, newName, cancellationToken)
            : replaced[image.Root.Digest];
        var newLayers = images.Count == 0 ? [] : await NewBaseLayersAsync(newBase, images, cancellationToken);
        var outputs = image.Repository is not null || plan.Push ? [BuildOutput.Registry] : new[] { BuildOutput.Store };
        var counts = await new OutputWriter(store, endpoints).WriteAsync(
            root, [], outputs, tags, [image.Reader, newBase.Reader], MountFrom(image, newBase, newLayers), cancellationToken);
        return new RebaseResult(
            root.Digest, root.MediaType, tags.Select(t => t.ToString()).ToList(), oldBase.DisplayName, oldBase.Root.Digest, newBaseText, newBase.Root.Digest,
            images, counts.Uploaded, counts.Mounted, counts.Skipped);
    }

    /// <summary>Whether the base the image records has moved since it was built (compared with <paramref name="newBase"/> when given).</summary>
    public async Task<RebaseCheck> CheckAsync(string imageText, string? newBase, bool remote, CancellationToken cancellationToken = default)
    {
        var found = await ImageLookup.OpenAsync(imageText, endpoints, remote, cancellationToken);
        await using var image = found.Source;
        var recorded = await RecordedBase.ReadAsync(image.Reader, image.Root, cancellationToken);
        var digest = recorded.Digest
            ?? throw new ImageBuildException($"{imageText} records no base digest (no {Annotations.BaseDigest} annotation or label), so there is nothing to compare; rebuild it with this tool, or rebase it with --old-base");
        var name = newBase ?? recorded.MovingName
            ?? throw new InvalidInputException($"{imageText} records the base digest but no base name: give the base to compare with --new-base");
        var current = await ImageLookup.OpenAsync(name, endpoints, remote, cancellationToken);
        await using var baseSource = current.Source;
        return new RebaseCheck(name, digest, baseSource.Root.Digest);
    }

    private async Task<ImageSource> OpenOldBaseAsync(RebasePlan plan, RecordedBase recorded, CancellationToken cancellationToken)
    {
        if (plan.OldBase is { } given)
        {
            return (await ImageLookup.OpenAsync(given, endpoints, plan.Remote, cancellationToken)).Source;
        }

        var digest = recorded.Digest
            ?? throw new InvalidInputException($"{plan.Image} records no base image (no {Annotations.BaseDigest} annotation or label): give --old-base");
        var byDigest = recorded.Name is { } name && ImageReference.TryParse(name, out var reference)
            ? reference.WithoutTag().WithDigest(digest).ToString()
            : digest.ToString();

        // The old base is found by content: its tag has usually moved on, and docker's lookup rules (name@digest only
        // as a digest reference of a pull) would not find a base built or loaded here.
        if (!plan.Remote && await StoredManifestAsync(digest, cancellationToken) is { } stored)
        {
            return new ImageSource(stored, store.Layout, byDigest, referrers: store);
        }

        try
        {
            return (await ImageLookup.OpenAsync(byDigest, endpoints, plan.Remote, cancellationToken)).Source;
        }
        catch (NotFoundException ex)
        {
            throw new NotFoundException($"{plan.Image} was built on {byDigest}, which is neither in the store nor in its registry ({ex.Message}); give the old base with --old-base");
        }
    }

    /// <summary>The stored manifest or index with <paramref name="digest"/>, tagged or not, or null.</summary>
    private async Task<Descriptor?> StoredManifestAsync(Digest digest, CancellationToken cancellationToken) =>
        (await StoreImageCatalog.LoadAsync(store, cancellationToken)).Images
            .SelectMany(i => i.Manifests)
            .FirstOrDefault(m => m.Digest == digest)?.Descriptor;

    private static async Task<SelectedImage> SelectAsync(ImageSource baseImage, string role, Platform platform, string imageName, CancellationToken cancellationToken)
    {
        try
        {
            return await ManifestSelector.ResolveAsync(baseImage.Reader, baseImage.Root, platform, baseImage.DisplayName, cancellationToken);
        }
        catch (NotFoundException ex)
        {
            throw new ImageBuildException($"cannot rebase {imageName} ({platform}): the {role} {baseImage.DisplayName} has no image for its OS and architecture ({ex.Message})", ex);
        }
    }

    /// <summary>The platform manifests to rebase: the root, or each image manifest of an index (attestations of other tools' builds, for an unknown platform, are left out).</summary>
    private static async Task<IReadOnlyList<Descriptor>> PlatformManifestsAsync(ImageSource image, CancellationToken cancellationToken)
    {
        if (!MediaTypes.IsIndex(image.Root.MediaType))
        {
            return MediaTypes.IsManifest(image.Root.MediaType)
                ? [image.Root]
                : throw new InvalidInputException($"{image.DisplayName} is a {image.Root.MediaType}, not an image");
        }

        var index = OciJson.ParseIndex(await image.Reader.ReadSmallBlobAsync(image.Root, cancellationToken));
        return index.Manifests.Where(m => MediaTypes.IsManifest(m.MediaType) && m.Platform?.Os != "unknown").ToList();
    }

    private async Task<Descriptor> WriteIndexAsync(
        ImageSource image, IReadOnlyDictionary<Digest, Descriptor> replaced, Digest newBaseDigest, string? newBaseName, CancellationToken cancellationToken)
    {
        var index = OciJson.ParseIndex(await image.Reader.ReadSmallBlobAsync(image.Root, cancellationToken));
        var entries = index.Manifests
            .Where(m => replaced.ContainsKey(m.Digest))
            .Select(m => m with { Digest = replaced[m.Digest].Digest, Size = replaced[m.Digest].Size, MediaType = replaced[m.Digest].MediaType })
            .ToList();
        var annotations = index.Annotations is { } existing ? PlatformRebase.WithBase(existing, newBaseDigest, newBaseName, addMissing: false) : null;
        return await store.Layout.WriteJsonAsync(JsonBlobs.Index(index with { Manifests = entries, Annotations = annotations }), cancellationToken);
    }

    private static async Task<HashSet<Digest>> NewBaseLayersAsync(ImageSource newBase, IReadOnlyList<RebasedImage> images, CancellationToken cancellationToken)
    {
        var layers = new HashSet<Digest>();
        foreach (var platform in images.Select(i => i.Platform).Distinct())
        {
            var selected = await ManifestSelector.ResolveAsync(newBase.Reader, newBase.Root, platform, newBase.DisplayName, cancellationToken);
            layers.UnionWith(selected.Manifest.Value.Layers.Select(l => l.Digest));
        }

        return layers;
    }

    /// <summary>A blob of the new base is mounted from the new base's repository, any other from the image's.</summary>
    private static Func<string, string, Descriptor, string?> MountFrom(ImageSource image, ImageSource newBase, HashSet<Digest> newBaseLayers) =>
        (host, target, blob) => newBaseLayers.Contains(blob.Digest)
            ? newBase.MountSource?.Invoke(host, target, blob)
            : image.MountSource?.Invoke(host, target, blob);

    private static List<ImageReference> Tags(RebasePlan plan, string? imageName)
    {
        var texts = plan.Tags.Count > 0 ? plan.Tags
            : imageName is not null && ImageReference.TryParse(imageName, out var own) && own.Digest is null ? [own.WithDefaultTag().ToString()]
            : throw new InvalidInputException($"{plan.Image} has no tag of its own to put the result under: give -t NAME:TAG");
        return texts.Select(text => ImageReference.TryParse(text, out var tag, out var error) && tag.Digest is null
                ? tag.WithDefaultTag()
                : throw new InvalidInputException($"invalid tag \"{text}\": {error ?? "a digest is computed from the content; give a name and tag"}"))
            .DistinctBy(t => t.ToString())
            .ToList();
    }
}
