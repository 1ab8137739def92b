using System.IO.Compression;
using ImageBuild.Oci;
using ZstdSharp;

namespace ImageBuild.Layers;

/// <summary>Opens layer blobs as uncompressed tar streams.</summary>
public static class LayerReader
{
    private static ReadOnlySpan<byte> GzipMagic => [0x1F, 0x8B];

    private static ReadOnlySpan<byte> ZstdMagic => [0x28, 0xB5, 0x2F, 0xFD];

    /// <summary>
    /// Opens <paramref name="blob"/> as a tar stream, choosing the decompressor from its first bytes rather
    /// than its media type, because registries and old tools do label plain tars as gzip and the other way round.
    /// Disposing the result disposes <paramref name="blob"/> unless <paramref name="leaveOpen"/>.
    /// </summary>
    public static async Task<Stream> OpenAsync(Stream blob, CancellationToken cancellationToken, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var header = await ReadHeaderAsync(blob, cancellationToken);
        return Open(new PrefixedReadStream(header, blob, leaveOpen), DetectCompression(header.Span), leaveOpen: false);
    }

    /// <summary>
    /// Names the compression of <paramref name="blob"/> from its first bytes (read from its current position
    /// and consumed), for callers that choose what to do before they read the content.
    /// </summary>
    public static async Task<LayerCompression> DetectCompressionAsync(Stream blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        return DetectCompression((await ReadHeaderAsync(blob, cancellationToken)).Span);
    }

    /// <summary>Opens <paramref name="blob"/> as a tar stream, trusting the given compression.</summary>
    public static Stream Open(Stream blob, LayerCompression compression, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(blob);
        return compression switch
        {
            LayerCompression.Gzip => new GZipStream(blob, CompressionMode.Decompress, leaveOpen),
            LayerCompression.Zstd => new DecompressionStream(blob, 0, checkEndOfStream: true, leaveOpen: leaveOpen),
            _ => leaveOpen ? new PrefixedReadStream(ReadOnlyMemory<byte>.Empty, blob, leaveOpen: true) : blob,
        };
    }

    /// <summary>The compression the first bytes of a blob show; anything unrecognised is taken as a plain tar.</summary>
    public static LayerCompression DetectCompression(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith(GzipMagic))
        {
            return LayerCompression.Gzip;
        }

        return header.StartsWith(ZstdMagic) ? LayerCompression.Zstd : LayerCompression.None;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadHeaderAsync(Stream blob, CancellationToken cancellationToken)
    {
        var header = new byte[ZstdMagic.Length];
        var length = await blob.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        return header.AsMemory(0, length);
    }
}
