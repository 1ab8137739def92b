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
    private readonly LayerOptions _options;
    private readonly string _filePath;
    private readonly FileStream _file;
    private readonly HashingWriteStream? _compressedHash;
    private readonly Stream? _compressor;
    private readonly HashingWriteStream _uncompressedHash;
    private bool _completed;

    private LayerBlobSink(LayerOptions options, string filePath, FileStream file)
    {
        _options = options;
        _filePath = filePath;
        _file = file;
        if (options.Compression == LayerCompression.None)
        {
            _uncompressedHash = new HashingWriteStream(file, leaveOpen: true);
            return;
        }

        _compressedHash = new HashingWriteStream(file, leaveOpen: true);
        _compressor = options.Compression switch
        {
            LayerCompression.Gzip => new GZipStream(new GzipHeaderNormalizingStream(_compressedHash), options.GzipLevel, leaveOpen: false),
            LayerCompression.Zstd => CreateZstd(_compressedHash, options.ZstdLevel),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Compression, "unknown layer compression"),
        };
        _uncompressedHash = new HashingWriteStream(_compressor, leaveOpen: true);
    }

    /// <summary>Where the uncompressed tar goes.</summary>
    public Stream Input => _uncompressedHash;

    public static LayerBlobSink Create(string directory, LayerOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $".layer-{Guid.NewGuid():N}.tmp");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        return new LayerBlobSink(options, path, file);
    }

    public async Task<LayerBlob> CompleteAsync(CancellationToken cancellationToken)
    {
        var diffId = _uncompressedHash.GetDigest();
        var uncompressedSize = _uncompressedHash.BytesWritten;
        var digest = diffId;
        var size = uncompressedSize;
        if (_compressor is not null && _compressedHash is not null)
        {
            // Disposing the compressor writes its final block and trailer.
            await _compressor.DisposeAsync();
            digest = _compressedHash.GetDigest();
            size = _compressedHash.BytesWritten;
        }

        await _file.FlushAsync(cancellationToken);
        await _file.DisposeAsync();
        _completed = true;
        return new LayerBlob(
            _filePath,
            digest,
            size,
            diffId,
            uncompressedSize,
            _options.Compression,
            MediaTypes.LayerMediaType(_options.Compression, _options.DockerMediaTypes));
    }

    public async ValueTask DisposeAsync()
    {
        if (_completed)
        {
            await _uncompressedHash.DisposeAsync();
            if (_compressedHash is not null)
            {
                await _compressedHash.DisposeAsync();
            }

            return;
        }

        // An abandoned blob: its streams are closed and the temp file deleted even when closing fails (a full
        // disk fails the compressor's last block and the file's flush), so a failed write leaves nothing behind.
        // The failure that abandoned it is already on its way to the caller; these second failures add nothing.
        await DisposeQuietlyAsync(_uncompressedHash);
        await DisposeQuietlyAsync(_compressor);
        await DisposeQuietlyAsync(_compressedHash);
        await DisposeQuietlyAsync(_file);
        try
        {
            File.Delete(_filePath);
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
