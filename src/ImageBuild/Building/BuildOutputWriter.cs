using ImageBuild.Archives;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.IO;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Store;

namespace ImageBuild.Building;

/// <summary>
/// Writes a built image to its outputs in two phases: first every blob and manifest to every output, then
/// the tags, so a failure part-way leaves no tag pointing at content an output lacks.
/// </summary>
internal sealed class BuildOutputWriter(ImageStore store, IBlobReader reader, OutputCounts counts)
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
            default:
                throw new InvalidInputException($"output {output} is not supported by this build");
        }
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
