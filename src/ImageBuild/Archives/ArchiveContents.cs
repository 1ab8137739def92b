using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;
using ZstdSharp;

namespace ImageBuild.Archives;

/// <summary>
/// The images of an OCI archive or docker-archive, read in place: the tar is indexed once and every blob is
/// served as a slice of it, checked against its digest as it is read; nothing is copied out first. A compressed
/// archive (gzip, zstd) is decompressed once into the scratch directory the caller names, since blobs are read
/// by offset. A docker-archive has no manifests, so one is made per image, keeping the config bytes (and so the
/// image ID) and the layers exactly as the archive holds them. Disposing removes the decompressed copy.
/// </summary>
public sealed class ArchiveContents : IAsyncDisposable
{
    private readonly string? decompressedPath;
    private readonly FileStream? decompressedHold;

    private ArchiveContents(IReadOnlyList<LoadedImage> images, IBlobReader reader, string? decompressedPath, FileStream? decompressedHold)
    {
        Images = images;
        Reader = reader;
        this.decompressedPath = decompressedPath;
        this.decompressedHold = decompressedHold;
    }

    /// <summary>Every image of the archive with the names it recorded for it, in the archive's order.</summary>
    public IReadOnlyList<LoadedImage> Images { get; }

    /// <summary>Serves every blob the images reach (for a docker-archive, the manifests made for it too).</summary>
    public IBlobReader Reader { get; }

    /// <param name="newScratchFile">
    /// Names a new temporary file for a compressed archive's decompressed copy (never needed for a plain tar). The copy
    /// is held open until disposal, so a store's sweep of stale temporary files cannot take it while it is read.
    /// </param>
    public static async Task<ArchiveContents> OpenAsync(string archivePath, Func<string> newScratchFile, CancellationToken cancellationToken = default)
    {
        var archiveName = Path.GetFileName(archivePath);
        if (!File.Exists(archivePath))
        {
            throw new NotFoundException($"archive {archivePath} does not exist: check the path");
        }

        string? decompressedPath = null;
        FileStream? hold = null;
        try
        {
            var compression = await DetectCompressionAsync(archivePath, cancellationToken);
            if (compression != LayerCompression.None)
            {
                decompressedPath = newScratchFile();
                hold = await DecompressAsync(archivePath, compression, decompressedPath, cancellationToken);
            }

            var index = await ArchiveIndex.BuildAsync(decompressedPath ?? archivePath, archiveName, cancellationToken);
            var (images, reader) = await ReadAsync(index, cancellationToken);
            return new ArchiveContents(images, reader, decompressedPath, hold);
        }
        catch (Exception ex) when (ex is InvalidDataException or ZstdException)
        {
            await DeleteAsync(hold, decompressedPath);
            throw new ImageBuildException($"{archiveName} is corrupt: {ex.Message}", ex);
        }
        catch
        {
            await DeleteAsync(hold, decompressedPath);
            throw;
        }
    }

    public ValueTask DisposeAsync() => DeleteAsync(decompressedHold, decompressedPath);

    private static async Task<(IReadOnlyList<LoadedImage> Images, IBlobReader Reader)> ReadAsync(ArchiveIndex index, CancellationToken cancellationToken)
    {
        var hasIndex = index.Contains(ArchiveLayout.OciIndexFile);
        var hasDockerManifest = index.Contains(ArchiveLayout.DockerManifestFile);
        if (hasIndex && index.Contains(ImageLayoutMarker.FileName))
        {
            var reader = new ArchiveBlobReader(index);
            var images = await OciArchiveImages.ReadAsync(index, reader, cancellationToken);
            if (!hasDockerManifest || images.All(i => i.Image.RefNames.Count > 0))
            {
                return (images.Select(i => i.Image).ToList(), reader);
            }

            // docker 25+ writes both formats; older or other writers may leave the names in manifest.json only.
            var namesByConfig = await DockerArchiveImages.ReadNamesByConfigAsync(index, cancellationToken);
            var named = images.Select(i => i.Image.RefNames.Count > 0
                    ? i.Image
                    : i.Image with { RefNames = i.Configs.SelectMany(c => namesByConfig.GetValueOrDefault(c) ?? []).Distinct().ToList() })
                .ToList();
            return (named, reader);
        }

        if (hasDockerManifest)
        {
            return await DockerArchiveImages.ReadAsync(index, cancellationToken);
        }

        // A file with the wrong content is a failed load (exit 1, as for import and docker load), not a usage error.
        throw new ImageBuildException(hasIndex
            ? $"{index.ArchiveName} is not a valid OCI archive: it has index.json but no oci-layout file"
            : $"{index.ArchiveName} is not a docker or OCI archive: it has neither index.json nor manifest.json");
    }

    private static async Task<LayerCompression> DetectCompressionAsync(string archivePath, CancellationToken cancellationToken)
    {
        await using var probe = File.OpenRead(archivePath);
        return await LayerReader.DetectCompressionAsync(probe, cancellationToken);
    }

    /// <summary>Decompresses into <paramref name="path"/> and returns the file, still open, so it stays ours while it is read.</summary>
    private static async Task<FileStream> DecompressAsync(string archivePath, LayerCompression compression, string path, CancellationToken cancellationToken)
    {
        // Readers open the copy by path; FileShare.Read lets them in and keeps a share-none sweep out.
        var output = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 81920, useAsync: true);
        try
        {
            await using var input = LayerReader.Open(
                new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true), compression);
            await input.CopyToAsync(output, cancellationToken);
            await output.FlushAsync(cancellationToken);
            return output;
        }
        catch
        {
            await DeleteAsync(output, path);
            throw;
        }
    }

    private static async ValueTask DeleteAsync(FileStream? hold, string? path)
    {
        if (hold is not null)
        {
            await hold.DisposeAsync();
        }

        if (path is not null)
        {
            File.Delete(path);
        }
    }
}
