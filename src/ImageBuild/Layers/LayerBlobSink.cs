using System.IO.Compression;
using ImageBuild.Oci;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace ImageBuild.Layers;

/// <summary>
/// The one-pass pipeline behind every layer blob: what is written to <see cref="Input"/> (an uncompressed
/// tar) is hashed for the diff_id, compressed, hashed again for the digest and written to a temp file.
/// Disposing without <see cref="CompleteAsync"/> deletes the temp file.
/// </summary>
internal sealed class LayerBlobSink : IAsyncDisposable
{
    private readonly LayerOptions options;
    private readonly string filePath;
    private readonly FileStream file;
    private readonly HashingWriteStream? compressedHash;
    private readonly Stream? compressor;
    private readonly HashingWriteStream uncompressedHash;
    private bool completed;

    private LayerBlobSink(LayerOptions options, string filePath, FileStream file, Stream? copy)
    {
        this.options = options;
        this.filePath = filePath;
        this.file = file;
        Stream output = copy is null ? file : new CopyingWriteStream(file, copy);
        if (options.Compression == LayerCompression.None)
        {
            uncompressedHash = new HashingWriteStream(output, leaveOpen: true);
            return;
        }

        compressedHash = new HashingWriteStream(output, leaveOpen: true);
        compressor = options.Compression switch
        {
            LayerCompression.Gzip => new ParallelGzipStream(compressedHash, options.GzipLevel),
            LayerCompression.Zstd => CreateZstd(compressedHash, options.ZstdLevel),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Compression, "unknown layer compression"),
        };
        uncompressedHash = new HashingWriteStream(compressor, leaveOpen: true);
    }

    /// <summary>Where the uncompressed tar goes.</summary>
    public Stream Input => uncompressedHash;

    /// <param name="copy">Also gets the blob's bytes as they are written (a streamed upload), or null.</param>
    public static LayerBlobSink Create(string directory, LayerOptions options, Stream? copy = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $".layer-{Guid.NewGuid():N}.tmp");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        return new LayerBlobSink(options, path, file, copy);
    }

    public async Task<LayerBlob> CompleteAsync(CancellationToken cancellationToken = default)
    {
        var diffId = uncompressedHash.GetDigest();
        var uncompressedSize = uncompressedHash.BytesWritten;
        var digest = diffId;
        var size = uncompressedSize;
        if (compressor is not null && compressedHash is not null)
        {
            // Completing the compressor writes its final block and trailer.
            if (compressor is ParallelGzipStream gzip)
            {
                await gzip.CompleteAsync(cancellationToken);
            }

            await compressor.DisposeAsync();
            digest = compressedHash.GetDigest();
            size = compressedHash.BytesWritten;
        }

        await file.FlushAsync(cancellationToken);
        await file.DisposeAsync();
        completed = true;
        return new LayerBlob(
            filePath,
            digest,
            size,
            diffId,
            uncompressedSize,
            options.Compression,
            MediaTypes.LayerMediaType(options.Compression, options.DockerMediaTypes));
    }

    public async ValueTask DisposeAsync()
    {
        if (completed)
        {
            await uncompressedHash.DisposeAsync();
            if (compressedHash is not null)
            {
                await compressedHash.DisposeAsync();
            }

            return;
        }

        // An abandoned blob: its streams are closed and the temp file deleted even when closing fails (a full
        // disk fails the compressor's last block and the file's flush), so a failed write leaves nothing behind.
        // The failure that abandoned it is already on its way to the caller; these second failures add nothing.
        await DisposeQuietlyAsync(uncompressedHash);
        await DisposeQuietlyAsync(compressor);
        await DisposeQuietlyAsync(compressedHash);
        await DisposeQuietlyAsync(file);
        try
        {
            File.Delete(filePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The store's sweep of stale temp files removes it later.
        }
    }

    private static async ValueTask DisposeQuietlyAsync(Stream? stream)
    {
        try
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException)
        {
            // See DisposeAsync.
        }
    }

    private static CompressionStream CreateZstd(Stream output, int level)
    {
        var stream = new CompressionStream(output, level, 0, leaveOpen: true);
        // The frame checksum lets readers detect corruption that the layer digest alone only reports as a mismatch.
        stream.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        return stream;
    }
}
