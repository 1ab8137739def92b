using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>
/// The images of a docker-archive (manifest.json + configs + layers), each given an OCI manifest since
/// docker-archive has none: the config bytes are kept exactly, so the config digest (docker's image ID) survives,
/// and the layers are served as the archive holds them. An uncompressed layer's digest is its diff_id; a
/// compressed one (what other tools and our writer store) is hashed here once, in place, and checked against its
/// diff_id.
/// </summary>
internal static class DockerArchiveImages
{
    public static async Task<(IReadOnlyList<LoadedImage> Images, IBlobReader Reader)> ReadAsync(ArchiveIndex index, CancellationToken cancellationToken = default)
    {
        var reader = new DockerArchiveBlobReader(index);
        var images = new List<LoadedImage>();
        foreach (var item in await ReadManifestAsync(index, cancellationToken))
        {
            var configBytes = await ReadConfigBytesAsync(index, item, cancellationToken);
            var config = ParseConfig(index, item, configBytes);
            var diffIds = config.RootFs.DiffIds;
            if (diffIds.Count != item.Layers.Count)
            {
                throw new ImageBuildException(
                    $"{index.ArchiveName} is corrupt: manifest.json lists {item.Layers.Count} layers for {item.Config} but its config has {diffIds.Count} diff_ids");
            }

            var layers = new List<Descriptor>();
            for (var i = 0; i < diffIds.Count; i++)
            {
                layers.Add(await ReadLayerAsync(index, reader, item.Layers[i], diffIds[i], cancellationToken));
            }

            var configDescriptor = reader.AddDocument(MediaTypes.OciConfig, configBytes);
            var manifestBytes = OciJson.Serialize(new ImageManifest { MediaType = MediaTypes.OciManifest, Config = configDescriptor, Layers = layers });
            var manifestDescriptor = reader.AddDocument(MediaTypes.OciManifest, manifestBytes) with { Platform = config.Platform };
            images.Add(new LoadedImage(manifestDescriptor, item.RepoTags ?? []));
        }

        return (images, reader);
    }

    /// <summary>RepoTags by config digest, for archives (docker 25+) whose index.json carries no names.</summary>
    public static async Task<IReadOnlyDictionary<Digest, IReadOnlyList<string>>> ReadNamesByConfigAsync(ArchiveIndex index, CancellationToken cancellationToken = default)
    {
        var names = new Dictionary<Digest, IReadOnlyList<string>>();
        foreach (var item in await ReadManifestAsync(index, cancellationToken))
        {
            if (item.RepoTags is { Count: > 0 } tags)
            {
                names.TryAdd(Digest.Compute(await ReadConfigBytesAsync(index, item, cancellationToken)), tags);
            }
        }

        return names;
    }

    private static async Task<List<DockerArchiveManifestItem>> ReadManifestAsync(ArchiveIndex index, CancellationToken cancellationToken)
    {
        var entry = index.Require(ArchiveLayout.DockerManifestFile, "the archive");
        var bytes = await index.ReadAllBytesAsync(entry, BlobReaderExtensions.DefaultJsonSizeLimit, cancellationToken);
        return DockerArchiveJson.ParseManifest(bytes, index.ArchiveName);
    }

    private static Task<byte[]> ReadConfigBytesAsync(ArchiveIndex index, DockerArchiveManifestItem item, CancellationToken cancellationToken) =>
        index.ReadAllBytesAsync(index.Require(item.Config, "manifest.json"), BlobReaderExtensions.DefaultJsonSizeLimit, cancellationToken);

    private static ImageConfig ParseConfig(ArchiveIndex index, DockerArchiveManifestItem item, byte[] configBytes)
    {
        try
        {
            return OciJson.ParseConfig(configBytes);
        }
        catch (ImageBuildException ex)
        {
            throw new ImageBuildException($"{index.ArchiveName} is corrupt: {item.Config} is not an image config ({ex.Message})", ex);
        }
    }

    /// <summary>The descriptor of one layer as the archive holds it, registered with the reader.</summary>
    private static async Task<Descriptor> ReadLayerAsync(
        ArchiveIndex index, DockerArchiveBlobReader reader, string path, Digest diffId, CancellationToken cancellationToken)
    {
        var entry = index.Require(path, "manifest.json");
        LayerCompression compression;
        await using (var probe = index.Open(entry))
        {
            compression = await LayerReader.DetectCompressionAsync(probe, cancellationToken);
        }

        var digest = diffId;
        if (compression != LayerCompression.None)
        {
            var subject = $"layer {path} (diff_id {diffId}) in {index.ArchiveName}";
            await using var compressed = new HashingReadStream(index.Open(entry));
            Digest actual;
            try
            {
                actual = await ArchiveCompression.DecompressToAsync(compressed, compression, Stream.Null, diffId.Algorithm, cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidDataException or ZstdSharp.ZstdException)
            {
                throw new ImageBuildException($"{subject} is corrupt: {ex.Message}", ex);
            }

            if (actual != diffId)
            {
                throw new ImageBuildException($"{subject} is corrupt: it decompresses to {actual}, but the config's diff_id is {diffId}");
            }

            digest = compressed.ComputeDigest();
        }

        var descriptor = new Descriptor { MediaType = MediaTypes.LayerMediaType(compression, docker: false), Digest = digest, Size = entry.Length };
        reader.AddLayer(descriptor, entry, path);
        return descriptor;
    }
}
