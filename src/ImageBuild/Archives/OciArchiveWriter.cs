using ImageBuild.Content;
using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>
/// Writes images as an OCI archive: a tar holding an OCI image layout (<c>oci-layout</c>, <c>index.json</c>,
/// <c>blobs/&lt;alg&gt;/&lt;hex&gt;</c>), as <c>skopeo copy ... oci-archive:</c> and <c>docker save</c> (25+) do.
/// The output is deterministic: the same images and names give the same bytes.
/// </summary>
public sealed class OciArchiveWriter
{
    public async Task WriteAsync(Stream output, IBlobReader source, IReadOnlyList<ArchiveImage> images, CancellationToken cancellationToken)
    {
        var graph = new ImageGraph(source);
        foreach (var image in images)
        {
            await graph.AddAsync(image.Root, cancellationToken);
        }

        await using var tar = new DeterministicTarWriter(output);
        await tar.WriteFileAsync(ImageLayoutMarker.FileName, OciJson.Serialize(new ImageLayoutMarker()), cancellationToken);
        await tar.WriteFileAsync(ArchiveLayout.OciIndexFile, OciJson.Serialize(BuildIndex(images)), cancellationToken);
        await tar.WriteDirectoryAsync("blobs", cancellationToken);
        foreach (var algorithm in graph.Blobs.Select(b => b.Descriptor.Digest.Algorithm).Distinct().Order(StringComparer.Ordinal))
        {
            await tar.WriteDirectoryAsync($"blobs/{algorithm}", cancellationToken);
        }

        foreach (var blob in graph.Blobs.OrderBy(b => b.Descriptor.Digest.ToString(), StringComparer.Ordinal))
        {
            var digest = blob.Descriptor.Digest;
            var path = ArchiveLayout.BlobPath(digest);
            if (blob.Content is not null)
            {
                await tar.WriteFileAsync(path, blob.Content, cancellationToken);
                continue;
            }

            var content = await source.OpenBlobAsync(blob.Descriptor, cancellationToken);
            await using var verified = new VerifiedBlobStream(content, digest, blob.Descriptor.Size, $"blob {digest} in the source");
            await tar.WriteFileAsync(path, verified, cancellationToken);
        }
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
