using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Transfers;

/// <summary>
/// One image a destination writes: its root (a manifest or an index) and the names the caller gives it there,
/// such as a build's tags or the tags <c>save</c> was given. A location that names the image itself
/// (<c>oci:DIR:REF</c>, <c>store:REF</c>, a registry tag) uses its own name instead; with neither, the image is
/// written unnamed where the destination allows it. Its <see cref="Referrers"/> (an SBOM, signatures) go with it to
/// every destination that keeps referrers (the store, OCI layouts, registries); archives leave them out.
/// </summary>
public sealed record NamedImage(Descriptor Root, IReadOnlyList<ImageReference> Names)
{
    public NamedImage(Descriptor root)
        : this(root, [])
    {
    }

    /// <summary>Manifests that refer to the root or to its platform manifests, each after its subject.</summary>
    public IReadOnlyList<Referrer> Referrers { get; init; } = [];
}
