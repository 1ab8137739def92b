using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>Reads that every <see cref="IBlobReader"/> supports on top of opening a blob.</summary>
public static class BlobReaderExtensions
{
    /// <summary>Manifests, indexes and configs are read whole; anything bigger than this is refused.</summary>
    public const long DefaultJsonSizeLimit = 4 * 1024 * 1024;

    /// <summary>
    /// Reads a small blob (a manifest, index or config) whole and checks it against its descriptor. Memory is
    /// bounded by the descriptor's size and the size limit (<see cref="DefaultJsonSizeLimit"/> unless given), whatever the source sends: a longer
    /// body fails at the first byte past the size.
    /// </summary>
    public static Task<byte[]> ReadSmallBlobAsync(this IBlobReader reader, Descriptor descriptor, CancellationToken cancellationToken = default) =>
        reader.ReadSmallBlobAsync(descriptor, DefaultJsonSizeLimit, cancellationToken);

    /// <inheritdoc cref="ReadSmallBlobAsync(IBlobReader, Descriptor, CancellationToken)"/>
    public static async Task<byte[]> ReadSmallBlobAsync(
        this IBlobReader reader, Descriptor descriptor, long sizeLimit, CancellationToken cancellationToken = default)
    {
        if (descriptor.Size > sizeLimit || descriptor.Size < 0)
        {
            throw new ImageBuildException(
                $"{descriptor.MediaType} {descriptor.Digest} is {descriptor.Size} bytes, over the {sizeLimit}-byte limit for JSON documents");
        }

        // The store's reads verify already (and say which store and what to run); others get a verifying stream here.
        await using var stream = VerifyingReadStream.Wrap(await reader.OpenBlobAsync(descriptor, cancellationToken), descriptor, string.Empty, "the source is corrupt");
        var bytes = new byte[descriptor.Size];
        await stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken);

        // A short body or one with more bytes fails here, before anything parses it.
        await stream.VerifyToEndAsync(cancellationToken);
        return bytes;
    }
}
