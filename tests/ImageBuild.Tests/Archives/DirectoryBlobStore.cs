using System.Security.Cryptography;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Tests.Archives;

/// <summary>
/// A test-only blob store on real files, laid out as an OCI layout's <c>blobs/&lt;alg&gt;/&lt;hex&gt;</c>. Writes go to
/// a temporary file that becomes visible only when its size and digest match the descriptor.
/// </summary>
internal sealed class DirectoryBlobStore : IBlobReader, IBlobWriter
{
    public DirectoryBlobStore(string root)
    {
        Root = root;
        Directory.CreateDirectory(root);
    }

    public string Root { get; }

    public string BlobPath(Digest digest) => Path.Combine(Root, "blobs", digest.Algorithm, digest.Hex);

    public Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        var path = BlobPath(descriptor.Digest);
        if (!File.Exists(path))
        {
            throw new NotFoundException($"blob {descriptor.Digest} is not in {Root}");
        }

        return Task.FromResult<Stream>(File.OpenRead(path));
    }

    public Task<bool> HasBlobAsync(Descriptor descriptor, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(BlobPath(descriptor.Digest)));

    public async Task WriteBlobAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken)
    {
        var path = BlobPath(descriptor.Digest);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            Digest actual;
            long size;
            await using (var file = File.Create(temp))
            {
                using var hash = IncrementalHash.CreateHash(descriptor.Digest.Algorithm == Digest.Sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                actual = Digest.FromHash(descriptor.Digest.Algorithm, hash.GetHashAndReset());
                size = file.Length;
            }

            if (actual != descriptor.Digest || size != descriptor.Size)
            {
                throw new ImageBuildException($"blob {descriptor.Digest} was rejected: got {actual} with {size} bytes");
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Stores bytes and returns their descriptor.</summary>
    public async Task<Descriptor> AddAsync(byte[] content, string mediaType, Platform? platform = null)
    {
        var descriptor = new Descriptor { MediaType = mediaType, Digest = Digest.Compute(content), Size = content.Length, Platform = platform };
        await WriteBlobAsync(descriptor, new MemoryStream(content), CancellationToken.None);
        return descriptor;
    }
}
