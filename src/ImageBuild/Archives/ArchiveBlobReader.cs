using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>Reads the blobs of an OCI layout inside a tar, each checked against its descriptor as it is read.</summary>
internal sealed class ArchiveBlobReader : IBlobReader
{
    private readonly ArchiveIndex index;

    public ArchiveBlobReader(ArchiveIndex index)
    {
        this.index = index;
    }

    public Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken = default) => Task.FromResult(Open(descriptor));

    public Stream Open(Descriptor descriptor)
    {
        var path = ArchiveLayout.BlobPath(descriptor.Digest);
        var entry = index.Find(path)
            ?? throw new NotFoundException($"{index.ArchiveName} is incomplete: it has no {path} for {descriptor.MediaType} {descriptor.Digest}; recreate the archive");
        return new VerifyingReadStream(index.Open(entry), descriptor.Digest, descriptor.Size, $"{path} in {index.ArchiveName}", ArchiveLayout.CorruptRemedy);
    }
}
