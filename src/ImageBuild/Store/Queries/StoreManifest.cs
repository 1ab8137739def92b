using ImageBuild.Content;
using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>
/// One manifest or index of the store that index.json entries point at, with what it is made of. Several can
/// be one image: a docker-archive's manifest and a registry's manifest of the same config are two of these.
/// </summary>
/// <param name="Descriptor">The index.json entry, without its ref.name annotation.</param>
/// <param name="Image">
/// A manifest's own content; for an index the child for the current platform, else the first child the
/// store holds. Null when nothing could be read (a damaged store).
/// </param>
/// <param name="Children">The manifests an index lists; empty for a manifest.</param>
public sealed record StoreManifest(Descriptor Descriptor, SelectedImage? Image, IReadOnlyList<IndexChild> Children, ImageDiskUsage DiskUsage)
{
    public Digest Digest => Descriptor.Digest;

    public bool IsIndex => MediaTypes.IsIndex(Descriptor.MediaType);

    /// <summary>The image ID: the config digest of a manifest (as docker's classic store), the digest of an index.</summary>
    public Digest ImageId => MediaTypes.IsManifest(Descriptor.MediaType) && Image is not null ? Image.ConfigDescriptor.Digest : Descriptor.Digest;
}
