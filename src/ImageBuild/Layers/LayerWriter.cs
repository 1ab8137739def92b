using ImageBuild.Errors;

namespace ImageBuild.Layers;

/// <summary>
/// Writes layer blobs in one streaming pass (entries -> PAX tar -> diff_id -> compression -> digest -> temp
/// file), hashing each file's content on the way for <see cref="LayerBlob.Files"/>. Output depends only on the entries, the file contents and the options, never on file mtimes,
/// creation order, owners on disk or the machine.
/// </summary>
public sealed class LayerWriter(LayerOptions options)
{
    public LayerOptions Options => options;

    /// <summary>Also gets each blob's bytes as they are written, after the temp file (a registry upload streaming the layer).</summary>
    internal Stream? BlobCopy { get; init; }

    /// <summary>Writes <paramref name="entries"/> as a layer into a new temp file in <paramref name="tempDirectory"/>.</summary>
    public async Task<LayerBlob> WriteAsync(IEnumerable<LayerEntry> entries, string tempDirectory, CancellationToken cancellationToken = default)
    {
        var plan = LayerTarPlanner.Plan(entries, options.Timestamp);
        await using var sink = LayerBlobSink.Create(tempDirectory, options, BlobCopy);
        var tar = new TarHeaderWriter(sink.Input);
        var files = new List<LayerFile>();
        var sourceHashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in plan)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (item.SourcePath is null)
            {
                await tar.WriteEntryAsync(item.Header, null, cancellationToken);
                continue;
            }

            await using var content = OpenSource(item);
            using var hasher = new FileContentHasher();
            await tar.WriteEntryAsync(item.Header with { Size = content.Length }, content, cancellationToken, hasher);
            var file = hasher.Complete(item.Header.Name);
            files.Add(file);
            sourceHashes.TryAdd(item.SourcePath, file.Sha256);
        }

        await tar.WriteEndAsync(cancellationToken);
        return await sink.CompleteAsync(cancellationToken) with { Files = files, SourceHashes = sourceHashes };
    }

    /// <summary>
    /// Makes a layer blob from an existing uncompressed tar (a rootfs tarball, a flattened filesystem) as is:
    /// its bytes are hashed and compressed, not re-tarred (so its <see cref="LayerBlob.Files"/> is empty).
    /// </summary>
    public Task<LayerBlob> WriteFromTarAsync(Stream uncompressedTar, string tempDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uncompressedTar);
        return WriteFromTarAsync(uncompressedTar.CopyToAsync, tempDirectory, cancellationToken);
    }

    /// <summary>Makes a layer blob from a tar that <paramref name="write"/> produces into the blob's input.</summary>
    public async Task<LayerBlob> WriteFromTarAsync(Func<Stream, CancellationToken, Task> write, string tempDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var sink = LayerBlobSink.Create(tempDirectory, options, BlobCopy);
        await write(sink.Input, cancellationToken);
        return await sink.CompleteAsync(cancellationToken);
    }

    private static FileStream OpenSource(PlannedTarEntry item)
    {
        try
        {
            return SourceFiles.OpenRead(item.SourcePath!);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new NotFoundException($"source file {item.SourcePath} for /{item.Header.Name} does not exist: check the path or build the project first");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ImageBuildException($"cannot read {item.SourcePath} for /{item.Header.Name}: {e.Message}; make it readable", e);
        }
    }
}
