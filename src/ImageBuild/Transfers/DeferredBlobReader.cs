using ImageBuild.Content;
using ImageBuild.Oci;

namespace ImageBuild.Transfers;

/// <summary>
/// Hands out blob streams that open their source on the first read. A registry destination that mounts a
/// blob never reads the stream, so the blob is never requested from the source.
/// </summary>
internal sealed class DeferredBlobReader(IBlobReader inner) : IBlobReader
{
    public Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken = default) =>
        ContentGraph.HasChildren(descriptor)
            ? inner.OpenBlobAsync(descriptor, cancellationToken)
            : Task.FromResult<Stream>(new DeferredReadStream(ct => inner.OpenBlobAsync(descriptor, ct), descriptor.Size));
}
