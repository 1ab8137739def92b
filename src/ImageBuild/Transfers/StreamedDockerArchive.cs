using System.Formats.Tar;
using ImageBuild.Archives;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>
/// Reads a docker-archive (what <c>docker save</c> and a daemon's <c>GET /images/get</c> send: manifest.json, configs and
/// layers, in docker 25+ also an OCI layout) in one forward pass from a stream that cannot be rewound, straight into a
/// layout: each layer goes into the layout as it arrives (an uncompressed one is gzip-compressed on the way, hashing
/// its diff_id and digest in the same pass), and only the small JSON files are kept in memory. manifest.json often
/// comes last, so layers are recognized by their content (a tar header or a compression magic), not by name. Each
/// image gets an OCI manifest, as <see cref="DockerArchiveImages"/> makes for an archive file, keeping the config bytes
/// (and so the image ID) exactly.
/// </summary>
internal sealed class StreamedDockerArchive
{
    private const int SniffLength = 512;

    private readonly OciLayout layout;
    private readonly string sourceName;
    private readonly Dictionary<string, byte[]> documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Descriptor Blob, Digest DiffId)> layers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> links = new(StringComparer.Ordinal);

    private StreamedDockerArchive(OciLayout layout, string sourceName)
    {
        this.layout = layout;
        this.sourceName = sourceName;
    }

    /// <summary>Stores every image of the archive in <paramref name="layout"/> (blobs only: nothing is named) and returns them with their RepoTags.</summary>
    /// <param name="sourceName">How messages name the archive ("the image sha256:... from the Docker daemon").</param>
    public static async Task<IReadOnlyList<LoadedImage>> ImportAsync(Stream archive, OciLayout layout, string sourceName, CancellationToken cancellationToken = default)
    {
        var reader = new StreamedDockerArchive(layout, sourceName);
        try
        {
            await reader.ReadEntriesAsync(archive, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new ImageBuildException($"{sourceName} is not a readable docker-archive ({ex.Message}): the daemon sent something else; check that it is healthy", ex);
        }

        return await reader.MakeImagesAsync(cancellationToken);
    }

    private async Task ReadEntriesAsync(Stream archive, CancellationToken cancellationToken)
    {
        await using var tar = new TarReader(archive, leaveOpen: true);
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            var name = ArchivePaths.Normalize(entry.Name, sourceName);
            switch (entry.EntryType)
            {
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile when entry.DataStream is { } data:
                    await ReadFileAsync(name, data, entry.Length, cancellationToken);
                    break;
                case TarEntryType.SymbolicLink:
                    links[name] = ArchivePaths.ResolveSymlinkTarget(name, entry.LinkName, sourceName);
                    break;
                case TarEntryType.HardLink:
                    links[name] = ArchivePaths.Normalize(entry.LinkName, sourceName);
                    break;
            }
        }
    }

    private async Task ReadFileAsync(string name, Stream data, long length, CancellationToken cancellationToken)
    {
        var head = new byte[(int)Math.Min(SniffLength, length)];
        await data.ReadExactlyAsync(head, cancellationToken);
        var compression = LayerReader.DetectCompression(head);
        if (compression != LayerCompression.None || LooksLikeTar(head, length))
        {
            layers[name] = await StoreLayerAsync(new PrefixedReadStream(head, data, leaveOpen: true), compression, cancellationToken);
        }
        else if (length <= BlobReaderExtensions.DefaultJsonSizeLimit)
        {
            var bytes = new byte[length];
            head.CopyTo(bytes, 0);
            await data.ReadExactlyAsync(bytes.AsMemory(head.Length), cancellationToken);
            documents[name] = bytes;
        }
    }

    /// <summary>A tar starts with a header whose "ustar" magic sits at offset 257; an empty layer is only zero blocks.</summary>
    private static bool LooksLikeTar(byte[] head, long length) =>
        head.Length == SniffLength
        && (head.AsSpan(257, 5).SequenceEqual("ustar"u8) || (length % 512 == 0 && !head.AsSpan().ContainsAnyExcept((byte)0)));

    private async Task<(Descriptor Blob, Digest DiffId)> StoreLayerAsync(Stream content, LayerCompression compression, CancellationToken cancellationToken)
    {
        var ingest = Path.GetDirectoryName(layout.CreateIngestPath())!;
        if (compression == LayerCompression.None)
        {
            var blob = await new LayerWriter(new LayerOptions()).WriteFromTarAsync(content, ingest, cancellationToken);
            await layout.ImportBlobFileAsync(blob.FilePath, blob.ToDescriptor(), cancellationToken);
            return (blob.ToDescriptor(), blob.DiffId);
        }

        // Kept as compressed; its diff_id is read back from the local copy, never from the stream again.
        var path = layout.CreateIngestPath();
        try
        {
            Descriptor descriptor;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            await using (var hashing = new HashingWriteStream(file, leaveOpen: true))
            {
                await content.CopyToAsync(hashing, cancellationToken);
                descriptor = new Descriptor { MediaType = MediaTypes.LayerMediaType(compression, docker: false), Digest = hashing.GetDigest(), Size = hashing.BytesWritten };
            }

            Digest diffId;
            await using (var stored = File.OpenRead(path))
            {
                diffId = await ArchiveCompression.DecompressToAsync(stored, compression, Stream.Null, Digest.Sha256, cancellationToken);
            }

            await layout.ImportBlobFileAsync(path, descriptor, cancellationToken);
            return (descriptor, diffId);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private async Task<IReadOnlyList<LoadedImage>> MakeImagesAsync(CancellationToken cancellationToken)
    {
        var manifestBytes = Find(documents, ArchiveLayout.DockerManifestFile)
            ?? throw new ImageBuildException($"{sourceName} has no manifest.json: it is not a docker-archive");
        var images = new List<LoadedImage>();
        foreach (var item in DockerArchiveJson.ParseManifest(manifestBytes, sourceName))
        {
            var configBytes = Find(documents, item.Config) ?? throw Incomplete(item.Config);
            var config = OciJson.ParseConfig(configBytes);
            if (config.RootFs.DiffIds.Count != item.Layers.Count)
            {
                throw new ImageBuildException($"{sourceName} is corrupt: manifest.json lists {item.Layers.Count} layers for {item.Config} but its config has {config.RootFs.DiffIds.Count} diff_ids");
            }

            var manifestLayers = new List<Descriptor>();
            for (var i = 0; i < item.Layers.Count; i++)
            {
                var (blob, diffId) = Find(layers, item.Layers[i]) is var (b, d) && b is not null ? (b, d) : throw Incomplete(item.Layers[i]);
                if (diffId != config.RootFs.DiffIds[i])
                {
                    throw new ImageBuildException($"{sourceName} is corrupt: layer {item.Layers[i]} has diff_id {diffId}, but its config says {config.RootFs.DiffIds[i]}");
                }

                manifestLayers.Add(blob);
            }

            var configDescriptor = await layout.WriteBytesAsync(configBytes, MediaTypes.OciConfig, cancellationToken);
            var manifest = OciJson.Serialize(new ImageManifest { MediaType = MediaTypes.OciManifest, Config = configDescriptor, Layers = manifestLayers });
            var manifestDescriptor = await layout.WriteBytesAsync(manifest, MediaTypes.OciManifest, cancellationToken);
            images.Add(new LoadedImage(manifestDescriptor with { Platform = config.Platform }, item.RepoTags ?? []));
        }

        return images;
    }

    /// <summary>The value at <paramref name="path"/>, following the archive's links (docker's legacy layout links repeated layers).</summary>
    private T? Find<T>(Dictionary<string, T> map, string path)
    {
        var name = ArchivePaths.Normalize(path, sourceName);
        for (var hop = 0; hop < 40; hop++)
        {
            if (map.TryGetValue(name, out var value))
            {
                return value;
            }

            if (!links.TryGetValue(name, out var target))
            {
                return default;
            }

            name = target;
        }

        return default;
    }

    private ImageBuildException Incomplete(string path) =>
        new($"{sourceName} is incomplete: manifest.json names \"{path}\", which is not a file of the archive (or not a layer); the daemon sent a broken archive");
}
