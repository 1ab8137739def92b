using System.IO.Compression;
using ImageBuild.Oci;
using ZstdSharp;

namespace ImageBuild.Archives;

/// <summary>Recognizes gzip and zstd content by its magic bytes and opens decompressing streams.</summary>
internal static class ArchiveCompression
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs.</summary>
    public const int MagicLength = 4;

    public static LayerCompression Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0x1f, 0x8b, ..] => LayerCompression.Gzip,
        [0x28, 0xb5, 0x2f, 0xfd, ..] => LayerCompression.Zstd,
        _ => LayerCompression.None,
    };

    /// <summary>Reads the first bytes of <paramref name="stream"/> (from its current position) and names their compression.</summary>
    public static async Task<LayerCompression> DetectAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new byte[MagicLength];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return Detect(head.AsSpan(0, read));
    }

    /// <summary>A stream of the decompressed content of <paramref name="compressed"/>.</summary>
    public static Stream Decompress(Stream compressed, LayerCompression compression, bool leaveOpen = false) => compression switch
    {
        LayerCompression.Gzip => new GZipStream(compressed, CompressionMode.Decompress, leaveOpen),
        LayerCompression.Zstd => new DecompressionStream(compressed, leaveOpen: leaveOpen),
        _ => compressed,
    };

    /// <summary>
    /// Decompresses <paramref name="compressed"/> into <paramref name="destination"/> and returns the digest of the
    /// decompressed bytes (a diff_id). The input is read to its end, so a hashing or verifying input sees every byte
    /// even when the decompressor stops before trailing data.
    /// </summary>
    public static async Task<Digest> DecompressToAsync(
        Stream compressed, LayerCompression compression, Stream destination, string algorithm, CancellationToken cancellationToken)
    {
        Digest digest;
        await using (var decompressed = new HashingReadStream(Decompress(compressed, compression, leaveOpen: true), algorithm))
        {
            await decompressed.CopyToAsync(destination, cancellationToken);
            digest = decompressed.ComputeDigest();
        }

        await compressed.CopyToAsync(Stream.Null, cancellationToken);
        return digest;
    }
}
