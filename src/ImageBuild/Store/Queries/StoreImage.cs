using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Store.Queries;

/// <summary>
/// One image of the store as the image commands see it: all index.json entries of one digest (its tags, or
/// its single dangling entry), what it is made of, and its size on disk.
/// </summary>
/// <param name="Descriptor">The index.json entry, without its ref.name annotation.</param>
/// <param name="ImageId">The config digest of a manifest, the digest of an index (see <see cref="ImageStore.GetImageIdAsync"/>).</param>
/// <param name="Image">
/// A manifest's own content; for an index the child for the current platform, else the first child the
/// store holds. Null when nothing could be read (a damaged store).
/// </param>
/// <param name="Children">The manifests an index lists; empty for a manifest.</param>
public sealed record StoreImage(
    Descriptor Descriptor,
    Digest ImageId,
    IReadOnlyList<StoreEntry> Entries,
    IReadOnlyList<ImageTag> Tags,
    PlatformImage? Image,
    IReadOnlyList<IndexChild> Children,
    ImageDiskUsage DiskUsage)
{
    public Digest Digest => Descriptor.Digest;

    public bool IsIndex => MediaTypes.IsIndex(Descriptor.MediaType);

    public bool IsDangling => Tags.Count == 0;

    /// <summary>Manifest, config and compressed layers on disk; for an index, everything of it the store holds.</summary>
    public long Size => DiskUsage.Size;

    /// <summary>The config's <c>created</c>; for an index the newest of the children the store holds.</summary>
    public DateTimeOffset? Created =>
        IsIndex ? Children.Select(c => c.Image?.Created).Max() : Image?.Created;

    public IReadOnlyDictionary<string, string> Labels =>
        Image?.Labels ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>When a tag was last pointed at this image, when known.</summary>
    public DateTimeOffset? LastTagTime => Entries.Select(e => e.LastTagTime).Max();

    public string? PulledFrom => Entries.Select(e => e.PulledFrom).FirstOrDefault(p => p is not null);

    /// <summary>
    /// The digest a registry knows this image by under <paramref name="tag"/>'s name: the digest in the name
    /// (<c>name@digest</c>, a pull by digest), else the digest it was pulled by from that repository (an
    /// index's, when one platform of it was pulled), else the stored digest.
    /// </summary>
    public Digest RegistryDigestFor(ImageTag tag) =>
        tag.Reference?.Digest
        ?? (PulledFromReference is { Digest: { } pulled } source && tag.Reference?.Name == source.Name ? pulled : Digest);

    /// <summary>docker's RepoTags: the familiar name of every tag; a name@digest reference is not a tag.</summary>
    public IReadOnlyList<string> RepoTags() =>
        Tags.Where(t => t.Reference?.Digest is null).Select(t => t.FamiliarString).ToList();

    /// <summary>
    /// docker's RepoDigests: <c>name@digest</c> for the repository the image was pulled from and for each
    /// repository it is tagged in, each with the digest that repository knows it by.
    /// </summary>
    public IReadOnlyList<string> RepoDigests()
    {
        var digests = new List<(string Name, Digest Digest)>();
        if (PulledFromReference is { } source)
        {
            digests.Add((source.FamiliarName, source.Digest ?? Digest));
        }

        foreach (var tag in Tags.Where(t => t.Reference is not null))
        {
            if (digests.All(d => d.Name != tag.Reference!.FamiliarName))
            {
                digests.Add((tag.Reference!.FamiliarName, RegistryDigestFor(tag)));
            }
        }

        return digests.Select(d => $"{d.Name}@{d.Digest}").Distinct(StringComparer.Ordinal).ToList();
    }

    private ImageReference? PulledFromReference => ImageReference.TryParse(PulledFrom, out var source) ? source : null;

    /// <summary>The digests of the manifests (and nested indexes) an index lists.</summary>
    public IEnumerable<Digest> ChildDigests => Children.Select(c => c.Descriptor.Digest);
}
