using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>Somewhere blobs can be written to. Writers verify digest and size before a blob becomes visible.</summary>
public interface IBlobWriter
{
    Task<bool> HasBlobAsync(Descriptor descriptor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="content"/> as the blob <paramref name="descriptor"/> names. Content whose
    /// digest or size differs is rejected and nothing is kept.
    /// </summary>
    Task WriteBlobAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken = default);
}
