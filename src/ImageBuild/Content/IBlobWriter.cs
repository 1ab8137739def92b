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

    /// <summary>
    /// Stores the blob from a source that can be opened again. A writer whose transfer may fail part-way and be
    /// tried again (a registry upload) opens it once per attempt; the others open it once. The writer disposes
    /// every stream it opens.
    /// </summary>
    async Task WriteBlobAsync(Descriptor descriptor, Func<CancellationToken, Task<Stream>> open, CancellationToken cancellationToken = default)
    {
        await using var content = await open(cancellationToken);
        await WriteBlobAsync(descriptor, content, cancellationToken);
    }
}
