using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>
/// Loads the images of a docker-archive (manifest.json + config + uncompressed layers) and gives each an OCI
/// manifest, since docker-archive has none: the config bytes are kept exactly, so the config digest (docker's
/// image ID) survives, and every layer is checked against the config's diff_ids.
/// </summary>
internal static class DockerArchiveImporter
{
    public static async Task<IReadOnlyList<LoadedImage>> ImportAsync(ArchiveIndex index, IBlobWriter sink, CancellationToken cancellationToken)
    {
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
                layers.Add(await ImportLayerAsync(index, sink, item.Layers[i], diffIds[i], cancellationToken));
            }

            var configDescriptor = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = Digest.Compute(configBytes), Size = configBytes.Length };
            await sink.WriteIfMissingAsync(configDescriptor, configBytes, cancellationToken);

            var manifestBytes = OciJson.Serialize(new ImageManifest { MediaType = MediaTypes.OciManifest, Config = configDescriptor, Layers = layers });
            var manifestDescriptor = new Descriptor
            {
                MediaType = MediaTypes.OciManifest,
                Digest = Digest.Compute(manifestBytes),
                Size = manifestBytes.Length,
                Platform = config.Platform,
            };
            await sink.WriteIfMissingAsync(manifestDescriptor, manifestBytes, cancellationToken);
            images.Add(new LoadedImage(manifestDescriptor, item.RepoTags ?? []));
        }

        return images;
    }

    /// <summary>RepoTags by config digest, for archives (docker 25+) whose index.json carries no names.</summary>
    public static async Task<IReadOnlyDictionary<Digest, IReadOnlyList<string>>> ReadNamesByConfigAsync(ArchiveIndex index, CancellationToken cancellationToken)
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

    /// <summary>
    /// Stores one layer as found. docker writes layers uncompressed, so the blob digest is the diff_id; other tools
    /// write gzip or zstd, whose digest is hashed here while the decompressed bytes are checked against the diff_id.
    /// </summary>
    private static async Task<Descriptor> ImportLayerAsync(ArchiveIndex index, IBlobWriter sink, string path, Digest diffId, CancellationToken cancellationToken)
    {
        var entry = index.Require(path, "manifest.json");
        var subject = $"layer {path} (diff_id {diffId}) in {index.ArchiveName}";
        LayerCompression compression;
        await using (var probe = index.Open(entry))
        {
            compression = await LayerReader.DetectCompressionAsync(probe, cancellationToken);
        }

        var digest = diffId;
        if (compression != LayerCompression.None)
        {
            await using var compressed = new HashingReadStream(index.Open(entry));
            var actual = await ArchiveCompression.DecompressToAsync(compressed, compression, Stream.Null, diffId.Algorithm, cancellationToken);
            if (actual != diffId)
            {
                throw new ImageBuildException($"{subject} is corrupt: it decompresses to {actual}, but the config's diff_id is {diffId}");
            }

            digest = compressed.ComputeDigest();
        }

        var descriptor = new Descriptor { MediaType = MediaTypes.LayerMediaType(compression, docker: false), Digest = digest, Size = entry.Length };
        await sink.WriteIfMissingAsync(descriptor, () => new VerifiedBlobStream(index.Open(entry), digest, entry.Length, subject), cancellationToken);
        return descriptor;
    }
}
