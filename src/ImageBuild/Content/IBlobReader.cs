using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>
/// Somewhere blobs can be read from: the local store, an OCI layout, an archive, a registry. The
/// stream is the blob as stored (compressed layers stay compressed).
/// </summary>
public interface IBlobReader
{
    /// <summary>Opens a blob. Throws <see cref="Errors.NotFoundException"/> when it is not there.</summary>
    Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken = default);
}
