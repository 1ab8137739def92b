using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>
/// Writes images in the docker-archive format that <c>docker load</c> reads: <c>manifest.json</c>, the legacy
/// <c>repositories</c> file, each config and layer as <c>blobs/sha256/&lt;hex&gt;</c>. Layers stay as stored
/// (gzip or uncompressed: docker load decompresses them itself), so layer and config digests survive and the
/// archive is as small as the image; only zstd layers, which docker 20.10 cannot read, are decompressed, into a
/// temporary file (a tar header needs the size before the data).
/// </summary>
public sealed class DockerArchiveWriter
{
    private readonly Func<string> newScratchFile;

    /// <param name="newScratchFile">Names a new temporary file, where a decompressed zstd layer waits to be written.</param>
    public DockerArchiveWriter(Func<string> newScratchFile)
    {
        this.newScratchFile = newScratchFile;
    }

    /// <returns>The configs and layers written and their bytes as stored in the source.</returns>
    public async Task<ContentCopySummary> WriteAsync(Stream output, IBlobReader source, IReadOnlyList<ArchiveImage> images, CancellationToken cancellationToken = default)
    {
        var loadManifest = new DockerLoadManifest();
        var configs = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var layers = new SortedDictionary<string, (Descriptor Blob, Digest DiffId)>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            var (manifest, configBytes, diffIds) = await ReadImageAsync(source, image.Root, cancellationToken);
            var configPath = ArchiveLayout.BlobPath(manifest.Config.Digest);
            configs[configPath] = configBytes;
            var layerPaths = new List<string>();
            for (var i = 0; i < diffIds.Count; i++)
            {
                var layer = manifest.Layers[i];
                var path = ArchiveLayout.BlobPath(StaysCompressed(layer) ? layer.Digest : diffIds[i]);
                layers.TryAdd(path, (layer, diffIds[i]));
                layerPaths.Add(path);
            }

            loadManifest.Add(configPath, layerPaths, diffIds, image.RefNames);
        }

        await using var tar = new DeterministicTarWriter(output);
        await loadManifest.WriteAsync(tar, cancellationToken);
        var paths = configs.Keys.Concat(layers.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        await tar.WriteDirectoryAsync("blobs", cancellationToken);
        foreach (var directory in paths.Select(p => p[..p.LastIndexOf('/')]).Distinct())
        {
            await tar.WriteDirectoryAsync(directory, cancellationToken);
        }

        foreach (var path in paths)
        {
            if (configs.TryGetValue(path, out var config))
            {
                await tar.WriteFileAsync(path, config, cancellationToken);
            }
            else
            {
                var (blob, diffId) = layers[path];
                await WriteLayerAsync(tar, path, source, blob, diffId, cancellationToken);
            }
        }

        return new ContentCopySummary(paths.Count, 0, configs.Values.Sum(c => (long)c.Length) + layers.Values.Sum(l => l.Blob.Size), []);
    }

    /// <summary>True for the layer compressions every docker load reads: none and gzip.</summary>
    internal static bool StaysCompressed(Descriptor layer) => MediaTypes.LayerCompressionOf(layer.MediaType) != LayerCompression.Zstd;

    private static async Task<(ImageManifest Manifest, byte[] ConfigBytes, IReadOnlyList<Digest> DiffIds)> ReadImageAsync(
        IBlobReader source, Descriptor root, CancellationToken cancellationToken)
    {
        if (MediaTypes.IsIndex(root.MediaType))
        {
            throw new InvalidInputException(
                $"{root.Digest} is a multi-platform image index, but a docker archive holds one platform: choose a platform (for example --platform linux/amd64) or save as an OCI archive");
        }

        if (!MediaTypes.IsManifest(root.MediaType))
        {
            throw new InvalidInputException($"{root.Digest} is a {root.MediaType}, not an image manifest: only images can be saved as a docker archive");
        }

        var manifest = OciJson.ParseManifest(await source.ReadSmallBlobAsync(root, cancellationToken));
        var configBytes = await source.ReadSmallBlobAsync(manifest.Config, cancellationToken);
        var diffIds = OciJson.ParseConfig(configBytes).RootFs.DiffIds;
        if (diffIds.Count != manifest.Layers.Count)
        {
            throw new ImageBuildException(
                $"image {root.Digest} is corrupt: its manifest has {manifest.Layers.Count} layers but its config lists {diffIds.Count} diff_ids");
        }

        return (manifest, configBytes, diffIds);
    }

    private async Task WriteLayerAsync(
        DeterministicTarWriter tar, string path, IBlobReader source, Descriptor layer, Digest diffId, CancellationToken cancellationToken)
    {
        var compression = MediaTypes.LayerCompressionOf(layer.MediaType);
        var content = await source.OpenBlobAsync(layer, cancellationToken);
        await using var verified = VerifyingReadStream.Wrap(content, layer, " in the source", ArchiveLayout.CorruptSourceRemedy);
        if (compression == LayerCompression.None && layer.Digest != diffId)
        {
            throw new ImageBuildException($"uncompressed layer {layer.Digest} differs from its diff_id {diffId}: the image is corrupt");
        }

        if (StaysCompressed(layer))
        {
            await tar.WriteFileAsync(path, verified, cancellationToken);
            return;
        }

        await using var temp = new FileStream(
            newScratchFile(),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            bufferSize: 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        var actual = await ArchiveCompression.DecompressToAsync(verified, compression, temp, diffId.Algorithm, cancellationToken);
        if (actual != diffId)
        {
            throw new ImageBuildException(
                $"layer {layer.Digest} decompresses to {actual}, but the config's diff_id is {diffId}: the image is corrupt");
        }

        temp.Position = 0;
        await tar.WriteFileAsync(path, temp, cancellationToken);
    }
}
