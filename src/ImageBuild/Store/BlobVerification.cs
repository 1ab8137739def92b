using System.Buffers;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>Copies a blob while hashing it, so its digest and size are checked without a second read.</summary>
internal static class BlobVerification
{
    private const int BufferSize = 81920;

    /// <summary>Copies <paramref name="content"/> to <paramref name="destination"/>, throwing if it is not the blob <paramref name="expected"/> names.</summary>
    public static async Task CopyVerifiedAsync(Stream content, Stream destination, Descriptor expected, CancellationToken cancellationToken)
    {
        using var hash = expected.Digest.CreateHash();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                total += read;
                if (total > expected.Size)
                {
                    // Stop at once rather than fill the disk with content that can never match.
                    throw Mismatch(expected, $"more than {expected.Size} bytes");
                }

                hash.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            var actual = Digest.FromHash(expected.Digest.Algorithm, hash.GetHashAndReset());
            if (actual != expected.Digest || total != expected.Size)
            {
                throw Mismatch(expected, $"{actual} ({total} bytes)");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static ImageBuildException Mismatch(Descriptor expected, string actual) =>
        new($"blob {expected.Digest} failed verification: expected {expected.Digest} ({expected.Size} bytes), got {actual}; the source is corrupt or changed while it was read");
}
