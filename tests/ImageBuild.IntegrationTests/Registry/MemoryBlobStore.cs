using System.Collections.Concurrent;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.IntegrationTests.Registry;

/// <summary>Small test images held in memory; writes verify size and digest as every real writer must.</summary>
internal sealed class MemoryBlobStore : IBlobReader, IBlobWriter
{
    private readonly ConcurrentDictionary<Digest, byte[]> blobs = new();

    public IReadOnlyCollection<Digest> Digests => blobs.Keys.ToList();

    public byte[] this[Digest digest] => blobs[digest];

    public Descriptor Add(byte[] bytes, string mediaType)
    {
        var digest = Digest.Compute(bytes);
        blobs[digest] = bytes;
        return new Descriptor { MediaType = mediaType, Digest = digest, Size = bytes.Length };
    }

    public Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken) =>
        blobs.TryGetValue(descriptor.Digest, out var bytes)
            ? Task.FromResult<Stream>(new MemoryStream(bytes, writable: false))
            : throw new NotFoundException($"blob {descriptor.Digest} is not in memory");

    public Task<bool> HasBlobAsync(Descriptor descriptor, CancellationToken cancellationToken) =>
        Task.FromResult(blobs.ContainsKey(descriptor.Digest));

    public async Task WriteBlobAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        if (bytes.Length != descriptor.Size || Digest.Compute(bytes) != descriptor.Digest)
        {
            throw new ImageBuildException($"blob {descriptor.Digest} arrived as {bytes.Length} bytes with digest {Digest.Compute(bytes)}");
        }

        blobs[descriptor.Digest] = bytes;
    }
}
