using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>
/// Writes images as an OCI archive: a tar holding an OCI image layout (<c>oci-layout</c>, <c>index.json</c>,
/// <c>blobs/&lt;alg&gt;/&lt;hex&gt;</c>), as <c>skopeo copy ... oci-archive:</c> does, plus docker load's
/// <c>manifest.json</c> and <c>repositories</c> pointing at the same blobs, as <c>docker save</c> 25+ writes them.
/// So one file loads everywhere: skopeo and umoci read the layout, every docker and podman reads manifest.json
/// (docker 20.10 knows nothing else). The output is deterministic: the same images and names give the same bytes.
/// </summary>
public sealed class OciArchiveWriter
{
    /// <returns>The blobs written and their bytes, and the absent blobs <see cref="MissingBlobPolicy"/> let the archive leave out.</returns>
    public async Task<ContentCopySummary> WriteAsync(Stream output, IBlobReader source, IReadOnlyList<ArchiveImage> images, CancellationToken cancellationToken = default)
    {
        var walk = await ContentWalk.WalkAsync(source, images.Select(i => i.Root), cancellationToken: cancellationToken);
        var loadManifest = await DockerLoadManifestAsync(source, walk, images, cancellationToken);
        await using var tar = new DeterministicTarWriter(output);
        await tar.WriteFileAsync(ImageLayoutMarker.FileName, OciJson.Serialize(new ImageLayoutMarker()), cancellationToken);
        await tar.WriteFileAsync(ArchiveLayout.OciIndexFile, OciJson.Serialize(BuildIndex(images)), cancellationToken);
        if (!loadManifest.IsEmpty)
        {
            await loadManifest.WriteAsync(tar, cancellationToken);
        }

        await tar.WriteDirectoryAsync("blobs", cancellationToken);
        foreach (var algorithm in walk.Nodes.Select(n => n.Descriptor.Digest.Algorithm).Distinct().Order(StringComparer.Ordinal))
        {
            await tar.WriteDirectoryAsync($"blobs/{algorithm}", cancellationToken);
        }

        foreach (var node in walk.Nodes.OrderBy(n => n.Descriptor.Digest.ToString(), StringComparer.Ordinal))
        {
            var path = ArchiveLayout.BlobPath(node.Descriptor.Digest);
            if (node.Document is not null)
            {
                await tar.WriteFileAsync(path, node.Document, cancellationToken);
                continue;
            }

            var content = await source.OpenBlobAsync(node.Descriptor, cancellationToken);
            await using var verified = VerifyingReadStream.Wrap(content, node.Descriptor, " in the source", ArchiveLayout.CorruptSourceRemedy);
            await tar.WriteFileAsync(path, verified, cancellationToken);
        }

        return new ContentCopySummary(walk.Nodes.Count, 0, walk.Nodes.Sum(n => n.Descriptor.Size), walk.Missing.Select(m => m.Blob).ToList());
    }

    /// <summary>
    /// One manifest.json item per image docker can load: a single-platform image, or this machine's image of an
    /// index when the archive holds it (a docker daemon runs one platform). Images with zstd layers, which docker
    /// 20.10 cannot read, or with a foreign layer the archive lacks, which docker load would look for in it, are
    /// left to the layout alone.
    /// </summary>
    private static async Task<DockerLoadManifest> DockerLoadManifestAsync(
        IBlobReader source, ContentWalk walk, IReadOnlyList<ArchiveImage> images, CancellationToken cancellationToken)
    {
        var documents = walk.Nodes.Where(n => n.Document is not null).ToDictionary(n => n.Descriptor.Digest, n => n.Document!);
        var absent = walk.Missing.Select(m => m.Blob.Digest).ToHashSet();
        var loadManifest = new DockerLoadManifest();
        foreach (var image in images)
        {
            if (LoadableManifest(image.Root, documents) is not { } manifestDigest
                || !documents.TryGetValue(manifestDigest, out var manifestBytes)
                || OciJson.ParseManifest(manifestBytes) is not { } manifest
                || !manifest.Layers.All(DockerArchiveWriter.StaysCompressed)
                || manifest.Layers.Any(l => absent.Contains(l.Digest)))
            {
                continue;
            }

            var configBytes = await source.ReadSmallBlobAsync(manifest.Config, cancellationToken);
            var diffIds = OciJson.ParseConfig(configBytes).RootFs.DiffIds;
            if (diffIds.Count != manifest.Layers.Count)
            {
                throw new ImageBuildException(
                    $"image {manifestDigest} is corrupt: its manifest has {manifest.Layers.Count} layers but its config lists {diffIds.Count} diff_ids");
            }

            loadManifest.Add(
                ArchiveLayout.BlobPath(manifest.Config.Digest),
                manifest.Layers.Select(l => ArchiveLayout.BlobPath(l.Digest)).ToList(),
                diffIds,
                image.RefNames);
        }

        return loadManifest;
    }

    private static Digest? LoadableManifest(Descriptor root, IReadOnlyDictionary<Digest, byte[]> documents)
    {
        if (MediaTypes.IsManifest(root.MediaType))
        {
            return root.Digest;
        }

        if (!MediaTypes.IsIndex(root.MediaType) || !documents.TryGetValue(root.Digest, out var indexBytes))
        {
            return null;
        }

        var current = PlatformChooser.TryChoose(OciJson.ParseIndex(indexBytes).Manifests, wanted: null);
        return current is not null && documents.ContainsKey(current.Digest) ? current.Digest : null;
    }

    /// <summary>One entry per (image, name); containerd's name annotation is added for full references as docker save does.</summary>
    private static ImageIndex BuildIndex(IReadOnlyList<ArchiveImage> images)
    {
        var entries = new List<Descriptor>();
        foreach (var image in images)
        {
            if (image.RefNames.Count == 0)
            {
                entries.Add(image.Root);
                continue;
            }

            foreach (var name in image.RefNames)
            {
                var annotations = new Dictionary<string, string>(image.Root.Annotations ?? new Dictionary<string, string>())
                {
                    [Annotations.RefName] = name,
                };
                if (ReferenceNames.IsFullReference(name))
                {
                    annotations[Annotations.ContainerdImageName] = name;
                }

                entries.Add(image.Root with { Annotations = annotations });
            }
        }

        return new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = entries };
    }
}
