using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>
/// Writes images in the docker-archive format that <c>docker save</c> (25+) writes and <c>docker load</c> reads:
/// <c>manifest.json</c>, the legacy <c>repositories</c> file, each config as <c>blobs/sha256/&lt;hex&gt;</c> and each layer
/// uncompressed as <c>blobs/sha256/&lt;diff_id hex&gt;</c>. Compressed layers are decompressed into a temporary file
/// first, because a tar header needs the size before the data; each is checked against its diff_id.
/// </summary>
public sealed class DockerArchiveWriter
{
    private readonly string tempDirectory;

    /// <param name="tempDirectory">Where decompressed layers wait, one at a time, to be written.</param>
    public DockerArchiveWriter(string tempDirectory)
    {
        this.tempDirectory = tempDirectory;
    }

    public async Task WriteAsync(Stream output, IBlobReader source, IReadOnlyList<ArchiveImage> images, CancellationToken cancellationToken)
    {
        var items = new List<DockerArchiveManifestItem>();
        var repositories = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var configs = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var layers = new SortedDictionary<string, (Descriptor Blob, Digest DiffId)>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            var (manifest, configBytes, diffIds) = await ReadImageAsync(source, image.Root, cancellationToken);
            var configPath = ArchiveLayout.BlobPath(manifest.Config.Digest);
            configs[configPath] = configBytes;
            var layerPaths = diffIds.Select(ArchiveLayout.BlobPath).ToList();
            for (var i = 0; i < layerPaths.Count; i++)
            {
                layers.TryAdd(layerPaths[i], (manifest.Layers[i], diffIds[i]));
            }

            items.Add(new DockerArchiveManifestItem { Config = configPath, RepoTags = image.RefNames, Layers = layerPaths });
            AddRepositories(repositories, image.RefNames, diffIds);
        }

        await using var tar = new DeterministicTarWriter(output);
        await tar.WriteFileAsync(ArchiveLayout.DockerManifestFile, DockerArchiveJson.SerializeManifest(items), cancellationToken);
        if (repositories.Count > 0)
        {
            await tar.WriteFileAsync(ArchiveLayout.RepositoriesFile, DockerArchiveJson.SerializeRepositories(repositories), cancellationToken);
        }

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
    }

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

    /// <summary>The legacy <c>repositories</c> file maps repository -> tag -> top layer, as docker save writes it.</summary>
    private static void AddRepositories(Dictionary<string, Dictionary<string, string>> repositories, IReadOnlyList<string> names, IReadOnlyList<Digest> diffIds)
    {
        if (diffIds.Count == 0)
        {
            return;
        }

        foreach (var name in names)
        {
            if (ReferenceNames.SplitTag(name) is var (repository, tag))
            {
                if (!repositories.TryGetValue(repository, out var tags))
                {
                    repositories[repository] = tags = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                tags[tag] = diffIds[^1].Hex;
            }
        }
    }

    private async Task WriteLayerAsync(
        DeterministicTarWriter tar, string path, IBlobReader source, Descriptor layer, Digest diffId, CancellationToken cancellationToken)
    {
        var compression = MediaTypes.LayerCompressionOf(layer.MediaType);
        var content = await source.OpenBlobAsync(layer, cancellationToken);
        await using var verified = new VerifiedBlobStream(content, layer.Digest, layer.Size, $"layer {layer.Digest} in the source");
        if (compression == LayerCompression.None)
        {
            if (layer.Digest != diffId)
            {
                throw new ImageBuildException($"uncompressed layer {layer.Digest} differs from its diff_id {diffId}: the image is corrupt");
            }

            await tar.WriteFileAsync(path, verified, cancellationToken);
            return;
        }

        Directory.CreateDirectory(tempDirectory);
        await using var temp = new FileStream(
            Path.Combine(tempDirectory, $"layer-{Guid.NewGuid():N}.tar"),
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
