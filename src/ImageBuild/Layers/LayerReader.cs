using System.IO.Compression;
using ImageBuild.Errors;
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
    /// Disposing the result disposes <paramref name="blob"/> unless <paramref name="leaveOpen"/>. The blob is
    /// read to its end once the tar ends or cannot be decompressed, so a verifying blob stream checks all of it.
    /// </summary>
    public static async Task<Stream> OpenAsync(Stream blob, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var header = await ReadHeaderAsync(blob, cancellationToken);
        var compression = DetectCompression(header.Span);
        var prefixed = new PrefixedReadStream(header, blob, leaveOpen);
        return new LayerTarStream(Open(prefixed, compression, leaveOpen: true), prefixed, compression);
    }

    /// <summary>
    /// Names the compression of <paramref name="blob"/> from its first bytes (read from its current position
    /// and consumed), for callers that choose what to do before they read the content.
    /// </summary>
    public static async Task<LayerCompression> DetectCompressionAsync(Stream blob, CancellationToken cancellationToken = default)
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

    /// <summary>
    /// Reads what a tar reader left after the end-of-archive blocks (padding, a compressor's trailer), so that a
    /// verifying stream below sees the whole layer and checks it; a layer is never taken as read until then.
    /// </summary>
    public static async Task DrainAsync(Stream tar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tar);
        await tar.CopyToAsync(Stream.Null, cancellationToken);
    }

    /// <summary>Whether an exception is what a tar reader or decompressor throws on bytes that are not a valid layer.</summary>
    internal static bool IsMalformedContent(Exception ex) => ex is InvalidDataException or FormatException or EndOfStreamException or ZstdException;

    /// <summary>
    /// The error for a layer whose tar could not be read: a blob damaged in storage explains most such failures,
    /// so the rest of it is read first and a verifying stream below throws its <see cref="CorruptBlobException"/>;
    /// only an intact blob gets the message that the layer itself is malformed.
    /// </summary>
    internal static async Task<Exception> MalformedAsync(Stream tar, Exception failure, CancellationToken cancellationToken)
    {
        try
        {
            await tar.CopyToAsync(Stream.Null, cancellationToken);
        }
        catch (Exception ex) when (IsMalformedContent(ex) || (ex is ImageBuildException && ex is not CorruptBlobException))
        {
            // The content is intact as far as anything can tell; the first failure says what is wrong with it.
        }

        return failure is ImageBuildException ? failure : new ImageBuildException($"a layer is not a valid tar ({failure.Message}): the image was built wrongly; rebuild it", failure);
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
