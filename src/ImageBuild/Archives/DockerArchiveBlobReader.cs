using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>
/// Serves a docker-archive's blobs: the manifests made for it and its configs from memory, its layers as slices of
/// the tar, each checked against its digest as it is read.
/// </summary>
internal sealed class DockerArchiveBlobReader(ArchiveIndex index) : IBlobReader
{
    private readonly Dictionary<Digest, byte[]> documents = [];
    private readonly Dictionary<Digest, (ArchiveEntry Entry, string Path)> layers = [];

    public Descriptor AddDocument(string mediaType, byte[] bytes)
    {
        var descriptor = new Descriptor { MediaType = mediaType, Digest = Digest.Compute(bytes), Size = bytes.Length };
        documents.TryAdd(descriptor.Digest, bytes);
        return descriptor;
    }

    public void AddLayer(Descriptor descriptor, ArchiveEntry entry, string path) => layers.TryAdd(descriptor.Digest, (entry, path));

    public Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken = default)
    {
        if (documents.TryGetValue(descriptor.Digest, out var bytes))
        {
            return Task.FromResult<Stream>(new MemoryStream(bytes, writable: false));
        }

        if (layers.TryGetValue(descriptor.Digest, out var layer))
        {
            return Task.FromResult<Stream>(new VerifyingReadStream(
                index.Open(layer.Entry), descriptor.Digest, layer.Entry.Length, $"layer {layer.Path} in {index.ArchiveName}", ArchiveLayout.CorruptRemedy));
        }

        throw new NotFoundException($"{index.ArchiveName} has no blob {descriptor.Digest}");
    }
}
