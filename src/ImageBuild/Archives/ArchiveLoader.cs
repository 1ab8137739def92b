using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;
using ZstdSharp;

namespace ImageBuild.Archives;

/// <summary>
/// Loads the images of an OCI archive or a docker-archive (plain, gzip- or zstd-compressed tar) into a blob sink,
/// for <c>dotnet image load</c> and <c>oci-archive:</c> / <c>docker-archive:</c> sources. Each blob is verified as it
/// is stored; the sink keeps nothing that fails.
/// </summary>
public sealed class ArchiveLoader
{
    /// <param name="tempDirectory">Where a compressed archive is decompressed to, so the tar can be read by offset.</param>
    public async Task<IReadOnlyList<LoadedImage>> LoadAsync(string archivePath, IBlobWriter sink, string tempDirectory, CancellationToken cancellationToken)
    {
        var archiveName = Path.GetFileName(archivePath);
        if (!File.Exists(archivePath))
        {
            throw new NotFoundException($"archive {archivePath} does not exist: check the path");
        }

        string? decompressedPath = null;
        try
        {
            var compression = await DetectCompressionAsync(archivePath, cancellationToken);
            if (compression != LayerCompression.None)
            {
                decompressedPath = await DecompressAsync(archivePath, compression, tempDirectory, cancellationToken);
            }

            var index = await ArchiveIndex.BuildAsync(decompressedPath ?? archivePath, archiveName, cancellationToken);
            return await LoadAsync(index, sink, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or ZstdException)
        {
            throw new ImageBuildException($"{archiveName} is corrupt: {ex.Message}", ex);
        }
        finally
        {
            if (decompressedPath is not null)
            {
                File.Delete(decompressedPath);
            }
        }
    }

    private static async Task<IReadOnlyList<LoadedImage>> LoadAsync(ArchiveIndex index, IBlobWriter sink, CancellationToken cancellationToken)
    {
        var hasIndex = index.Contains(ArchiveLayout.OciIndexFile);
        var hasDockerManifest = index.Contains(ArchiveLayout.DockerManifestFile);
        if (hasIndex && index.Contains(ImageLayoutMarker.FileName))
        {
            var images = await OciArchiveImporter.ImportAsync(index, sink, cancellationToken);
            if (!hasDockerManifest || images.All(i => i.Image.RefNames.Count > 0))
            {
                return images.Select(i => i.Image).ToList();
            }

            // docker 25+ writes both formats; older or other writers may leave the names in manifest.json only.
            var namesByConfig = await DockerArchiveImporter.ReadNamesByConfigAsync(index, cancellationToken);
            return images.Select(i => i.Image.RefNames.Count > 0
                    ? i.Image
                    : i.Image with { RefNames = i.Configs.SelectMany(c => namesByConfig.GetValueOrDefault(c) ?? []).Distinct().ToList() })
                .ToList();
        }

        if (hasDockerManifest)
        {
            return await DockerArchiveImporter.ImportAsync(index, sink, cancellationToken);
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

    /// <summary>Streams the decompressed archive into a temporary file: reading blobs by offset needs a seekable tar.</summary>
    private static async Task<string> DecompressAsync(string archivePath, LayerCompression compression, string tempDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(tempDirectory);
        var path = Path.Combine(tempDirectory, $"archive-{Guid.NewGuid():N}.tar");
        try
        {
            await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using var input = LayerReader.Open(
                new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true), compression);
            await input.CopyToAsync(output, cancellationToken);
            return path;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
