using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Content;

public static class BlobReaderExtensions
{
    /// <summary>Manifests, indexes and configs are read whole; anything bigger than this is refused.</summary>
    public const long DefaultJsonSizeLimit = 4 * 1024 * 1024;

    /// <summary>Reads a small blob (a manifest, index or config) whole and checks it against its descriptor.</summary>
    public static async Task<byte[]> ReadSmallBlobAsync(
        this IBlobReader reader, Descriptor descriptor, CancellationToken cancellationToken, long sizeLimit = DefaultJsonSizeLimit)
    {
        if (descriptor.Size > sizeLimit)
        {
            throw new ImageBuildException(
                $"{descriptor.MediaType} {descriptor.Digest} is {descriptor.Size} bytes, over the {sizeLimit}-byte limit for JSON documents");
        }

        await using var stream = await reader.OpenBlobAsync(descriptor, cancellationToken);
        using var buffer = new MemoryStream((int)Math.Max(0, descriptor.Size));
        await stream.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        if (bytes.Length != descriptor.Size)
        {
            throw new ImageBuildException(
                $"blob {descriptor.Digest} is {bytes.Length} bytes but its descriptor says {descriptor.Size}: the source is corrupt");
        }

        var actual = descriptor.Digest.Algorithm == Digest.Sha512
            ? Digest.FromHash(Digest.Sha512, System.Security.Cryptography.SHA512.HashData(bytes))
            : Digest.Compute(bytes);
        if (actual != descriptor.Digest)
        {
            throw new ImageBuildException($"blob {descriptor.Digest} has digest {actual}: the source is corrupt");
        }

        return bytes;
    }
}
