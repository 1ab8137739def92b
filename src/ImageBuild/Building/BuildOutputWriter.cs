using ImageBuild.Archives;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.IO;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Store;
using ImageBuild.Transfers;

namespace ImageBuild.Building;

/// <summary>
/// Writes a built image to its outputs in two phases: first every blob and manifest to every output, then
/// the tags, so a failure part-way leaves no tag pointing at content an output lacks.
/// </summary>
internal sealed class BuildOutputWriter(
    ImageStore store, IBlobReader reader, OutputCounts counts, TransferEndpoints? endpoints, Func<string, string, Descriptor, string?>? mountSource)
{
    /// <summary>Copies content to <paramref name="output"/> and returns the step that names it there.</summary>
    public async Task<Func<CancellationToken, Task>> WriteContentAsync(
        BuildOutput output, Descriptor root, IReadOnlyList<BuiltImage> images, IReadOnlyList<ImageReference> tags, CancellationToken cancellationToken)
    {
        switch (output.Kind)
        {
            case BuildOutputKind.Store:
                await CopyAsync(store.Layout, root, cancellationToken);
                return ct => TagStoreAsync(root, tags, ct);
            case BuildOutputKind.OciLayout:
                var layout = await OciLayout.OpenOrCreateAsync(RequirePath(output), cancellationToken);
                await CopyAsync(layout, root, cancellationToken);
                return ct => TagLayoutAsync(layout, root, Names(output, tags, familiar: false), ct);
            case BuildOutputKind.OciArchive:
                var ociImages = new[] { new ArchiveImage(root, Names(output, tags, familiar: false)) };
                await AtomicFile.WriteAsync(RequirePath(output), (stream, ct) => new OciArchiveWriter().WriteAsync(stream, reader, ociImages, ct), cancellationToken);
                return _ => Task.CompletedTask;
            case BuildOutputKind.DockerArchive:
                if (images.Count != 1)
                {
                    throw new InvalidInputException($"{output} holds one platform, but this build makes {images.Count}: write the multi-platform image to oci:DIR or oci-archive:FILE");
                }

                var manifest = new Descriptor { MediaType = images[0].ManifestMediaType, Digest = images[0].ManifestDigest, Size = images[0].ManifestSize };
                var dockerImages = new[] { new ArchiveImage(manifest, Names(output, tags, familiar: true)) };
                var scratch = Path.GetDirectoryName(store.Layout.CreateIngestPath())!;
                await AtomicFile.WriteAsync(RequirePath(output), (stream, ct) => new DockerArchiveWriter(scratch).WriteAsync(stream, reader, dockerImages, ct), cancellationToken);
                return _ => Task.CompletedTask;
            case BuildOutputKind.Registry:
                return await PushContentAsync(root, tags, cancellationToken);
            default:
                throw new InvalidInputException($"output {output} is not supported by this build");
        }
    }

    /// <summary>
    /// Blobs and manifests (by digest) to every tag's repository; blobs the repository has are skipped and
    /// blobs another repository of the registry holds are mounted, so a base there is never downloaded.
    /// </summary>
    private async Task<Func<CancellationToken, Task>> PushContentAsync(Descriptor root, IReadOnlyList<ImageReference> tags, CancellationToken cancellationToken)
    {
        if (endpoints is null)
        {
            throw new InvalidInputException("pushing needs registry access, which this build was not given");
        }

        if (tags.Count == 0)
        {
            throw new InvalidInputException("--push needs a name: add -t REGISTRY/REPOSITORY:TAG");
        }

        var destinations = new List<RegistryDestination>();
        foreach (var repository in tags.GroupBy(t => t.Name))
        {
            var first = new RegistryDestination(endpoints.Registries(repository.First()), repository.First(), mountSource);
            // Streams open on first read: a blob the registry mounts is never requested from the base.
            var summary = await new ContentCopier(new DeferredBlobReader(reader), first.Writer).CopyAsync(root, cancellationToken);
            counts.Mounted += first.Sink.MountedCount;
            counts.Uploaded += summary.BlobsCopied - first.Sink.MountedCount;
            counts.Skipped += summary.BlobsSkipped;
            destinations.AddRange(repository.Select(tag => new RegistryDestination(endpoints.Registries(tag), tag)));
        }

        return async ct =>
        {
            foreach (var destination in destinations)
            {
                await destination.CommitAsync(root, reader, ct);
            }
        };
    }

    private async Task CopyAsync(IBlobWriter target, Descriptor root, CancellationToken cancellationToken)
    {
        var summary = await new ContentCopier(reader, target).CopyAsync(root, cancellationToken);
        counts.Uploaded += summary.BlobsCopied;
        counts.Skipped += summary.BlobsSkipped;
    }

    private async Task TagStoreAsync(Descriptor root, IReadOnlyList<ImageReference> tags, CancellationToken cancellationToken)
    {
        if (tags.Count == 0)
        {
            await store.AddUntaggedAsync(root, cancellationToken);
        }

        foreach (var tag in tags)
        {
            await store.TagAsync(tag.ToString(), root, cancellationToken);
        }
    }

    private static Task TagLayoutAsync(OciLayout layout, Descriptor root, IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        layout.UpdateIndexAsync(
            index => names.Count == 0 ? IndexEdits.AddUntagged(index, root) : names.Aggregate(index, (current, name) => IndexEdits.Tag(current, name, root)),
            cancellationToken);

    private static IReadOnlyList<string> Names(BuildOutput output, IReadOnlyList<ImageReference> tags, bool familiar) =>
        output.RefName is { } name ? [name] : tags.Select(t => familiar ? t.FamiliarString : t.ToString()).ToList();

    private static string RequirePath(BuildOutput output) =>
        output.Path ?? throw new InvalidInputException($"output {output.Kind} needs a path");
}
