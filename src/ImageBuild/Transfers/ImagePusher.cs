using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Store;
using ImageBuild.Store.Queries;

namespace ImageBuild.Transfers;

/// <summary>
/// <c>push</c>: store images to their registry. Blobs go first (skipped when the repository has them, mounted
/// when another repository of the registry should), then manifests by digest, child manifests before their
/// index, and the tag last. A reference by digest pushes without creating a tag.
/// </summary>
public sealed class ImagePusher(ImageStore store, Func<ImageReference, RegistryClient> registries)
{
    /// <param name="allTags">Push every tag of <paramref name="reference"/>'s repository that the store holds; the reference must then have no tag.</param>
    public async Task<IReadOnlyList<PushResult>> PushAsync(
        ImageReference reference, bool allTags, TransferOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var targets = allTags ? await AllTagsAsync(reference, cancellationToken) : [await FindAsync(reference, cancellationToken)];
        var mounts = await StoreMountSources.LoadAsync(store, cancellationToken);
        var results = new List<PushResult>();
        foreach (var (name, root) in targets)
        {
            var source = new ImageSource(root, store.Layout, name.ToString(), mountSource: mounts.Find, referrers: store);
            var destination = new RegistryDestination(registries(name), name, source.MountSource);
            await ImageCopier.CopyAsync(source, destination, options with { AllPlatforms = true, Platform = null }, cancellationToken);
            results.Add(new PushResult(name, root, await OutcomesAsync(root, destination.Sink, cancellationToken)));
        }

        return results;
    }

    private async Task<(ImageReference Name, Descriptor Root)> FindAsync(ImageReference reference, CancellationToken cancellationToken)
    {
        if (reference.Digest is not null)
        {
            var named = reference.WithoutTag();
            var image = ImageResolver.Resolve(await StoreImageCatalog.LoadAsync(store, cancellationToken), named.ToString()).Image;
            return (named, image.Descriptor);
        }

        var tagged = reference.WithDefaultTag();
        var entry = await store.FindAsync(tagged.ToString(), cancellationToken)
            ?? throw new NotFoundException($"An image does not exist locally with the tag: {tagged.FamiliarString}; tag one with 'dotnet image tag IMAGE {tagged.FamiliarString}'");
        return (tagged, IndexEdits.WithRefName(entry.Descriptor, null));
    }

    private async Task<IReadOnlyList<(ImageReference Name, Descriptor Root)>> AllTagsAsync(ImageReference reference, CancellationToken cancellationToken)
    {
        if (reference.Tag is not null || reference.Digest is not null)
        {
            throw new InvalidInputException($"tag can't be used with --all-tags: give the repository alone, {reference.FamiliarName}");
        }

        var targets = (await store.ListAsync(cancellationToken))
            .Select(e => (Reference: ImageReference.TryParse(e.RefName, out var parsed) ? parsed : null, e.Descriptor))
            .Where(t => t.Reference is { Tag: not null, Digest: null } && t.Reference.Name == reference.Name)
            .OrderBy(t => t.Reference!.Tag, StringComparer.Ordinal)
            .Select(t => (t.Reference!, IndexEdits.WithRefName(t.Descriptor, null)))
            .ToList();
        return targets.Count > 0
            ? targets
            : throw new NotFoundException($"An image does not exist locally with the tag: {reference.FamiliarName}");
    }

    /// <summary>Every node of the pushed graph, children first, with what the sink did with it.</summary>
    private async Task<IReadOnlyList<PushedBlob>> OutcomesAsync(Descriptor root, RegistryBlobSink sink, CancellationToken cancellationToken)
    {
        var mounted = sink.Mounted;
        var existing = sink.Existing.ToHashSet();
        var outcomes = new List<PushedBlob>();
        var seen = new HashSet<Digest>();
        await VisitAsync(root);
        return outcomes;

        async Task VisitAsync(Descriptor node)
        {
            if (!seen.Add(node.Digest) || !store.Layout.HasBlob(node))
            {
                return;
            }

            foreach (var child in await ContentGraph.ChildrenAsync(store.Layout, node, cancellationToken))
            {
                await VisitAsync(child);
            }

            outcomes.Add(mounted.TryGetValue(node.Digest, out var from) ? new PushedBlob(node, PushOutcome.Mounted, from)
                : existing.Contains(node.Digest) ? new PushedBlob(node, PushOutcome.AlreadyExists, null)
                : new PushedBlob(node, PushOutcome.Uploaded, null));
        }
    }
}
