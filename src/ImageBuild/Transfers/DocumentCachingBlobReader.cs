using System.Collections.Concurrent;
using ImageBuild.Content;
using ImageBuild.Oci;

namespace ImageBuild.Transfers;

/// <summary>
/// Remembers the manifests, indexes and configs read through it, so choosing a platform and then copying
/// asks a registry for each document once. Layers pass straight through and are never held.
/// </summary>
internal sealed class DocumentCachingBlobReader(IBlobReader inner) : IBlobReader
{
    private readonly ConcurrentDictionary<Digest, byte[]> documents = new();

    /// <summary>Puts bytes already fetched (the root a registry served) in the cache; the caller has verified them.</summary>
    public void Add(Digest digest, byte[] bytes) => documents[digest] = bytes;

    public async Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken = default)
    {
        if (documents.TryGetValue(descriptor.Digest, out var cached))
        {
            return new MemoryStream(cached, writable: false);
        }

        if (!IsDocument(descriptor))
        {
            return await inner.OpenBlobAsync(descriptor, cancellationToken);
        }

        var bytes = await inner.ReadSmallBlobAsync(descriptor, cancellationToken);
        documents[descriptor.Digest] = bytes;
        return new MemoryStream(bytes, writable: false);
    }

    private static bool IsDocument(Descriptor descriptor) =>
        ContentGraph.HasChildren(descriptor) || descriptor.MediaType is MediaTypes.OciConfig or MediaTypes.DockerConfig;
}
