using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>
/// The edges of the content graph: an index points at its manifests, a manifest at its config and layers.
/// Everything else is a leaf, so content of unknown media types travels and survives as an opaque blob.
/// </summary>
public static class ContentGraph
{
    /// <summary>True when <paramref name="descriptor"/> names a document whose children this graph knows.</summary>
    public static bool HasChildren(Descriptor descriptor) =>
        MediaTypes.IsIndex(descriptor.MediaType) || MediaTypes.IsManifest(descriptor.MediaType);

    /// <summary>
    /// The descriptors a node points at, read from <paramref name="reader"/>. A manifest's <c>subject</c> is
    /// not a child: a referrer (a signature, an SBOM) does not own the image it describes.
    /// </summary>
    public static async Task<IReadOnlyList<Descriptor>> ChildrenAsync(
        IBlobReader reader, Descriptor descriptor, CancellationToken cancellationToken = default)
    {
        if (!HasChildren(descriptor))
        {
            return [];
        }

        var bytes = await reader.ReadSmallBlobAsync(descriptor, cancellationToken);
        return ChildrenOf(descriptor, bytes);
    }

    /// <summary>The children of a manifest or index whose bytes the caller already holds.</summary>
    public static IReadOnlyList<Descriptor> ChildrenOf(Descriptor descriptor, ReadOnlySpan<byte> bytes)
    {
        if (MediaTypes.IsIndex(descriptor.MediaType))
        {
            return OciJson.ParseIndex(bytes).Manifests;
        }

        if (MediaTypes.IsManifest(descriptor.MediaType))
        {
            var manifest = OciJson.ParseManifest(bytes);
            return [manifest.Config, .. manifest.Layers];
        }

        return [];
    }
}
