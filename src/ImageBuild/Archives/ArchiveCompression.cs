using ImageBuild.Layers;
using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>
/// Decompression as archives need it: a compressed layer copied out uncompressed while its diff_id is computed.
/// Recognizing and opening compressed streams is <see cref="LayerReader"/>'s job.
/// </summary>
internal static class ArchiveCompression
{
    /// <summary>
    /// Decompresses <paramref name="compressed"/> into <paramref name="destination"/> and returns the digest of the
    /// decompressed bytes (a diff_id). The input is read to its end, so a hashing or verifying input sees every byte
    /// even when the decompressor stops before trailing data.
    /// </summary>
    public static async Task<Digest> DecompressToAsync(
        Stream compressed, LayerCompression compression, Stream destination, string algorithm, CancellationToken cancellationToken = default)
    {
        Digest digest;
        await using (var decompressed = new HashingReadStream(LayerReader.Open(compressed, compression, leaveOpen: true), algorithm))
        {
            await decompressed.CopyToAsync(destination, cancellationToken);
            digest = decompressed.ComputeDigest();
        }

        await compressed.CopyToAsync(Stream.Null, cancellationToken);
        return digest;
    }
}
