using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Store.Queries;

/// <summary>
/// One image of the store as docker's image commands see it: everything with one image ID, whatever number of
/// index.json entries, pulls or manifests lead to it. Its references are its tags (<c>name:tag</c>) and digest
/// references (<c>name@digest</c>, from a pull by digest); <see cref="Manifests"/> are the stored manifests
/// (usually one) that have its config.
/// </summary>
/// <param name="ImageId">The config digest of its manifests, or the digest of an index.</param>
/// <param name="Entries">Its index.json entries: one per reference, or one untagged entry per manifest.</param>
/// <param name="Manifests">Its stored manifests (or its index), in index.json order; the first is its primary one.</param>
/// <param name="Tags">Its reference names, tags and digest references alike, sorted.</param>
public sealed record StoreImage(Digest ImageId, IReadOnlyList<StoreEntry> Entries, IReadOnlyList<StoreManifest> Manifests, IReadOnlyList<ImageTag> Tags)
{
    private StoreManifest Primary => Manifests[0];

    /// <summary>The primary manifest's (or index's) descriptor, which export, save and tag by ID use.</summary>
    public Descriptor Descriptor => Primary.Descriptor;

    public Digest Digest => Primary.Digest;

    public bool IsIndex => Primary.IsIndex;

    public SelectedImage? Image => Primary.Image;

    public IReadOnlyList<IndexChild> Children => Primary.Children;

    /// <summary>Every blob of every manifest of the image, each counted once.</summary>
    public ImageDiskUsage DiskUsage
    {
        get
        {
            if (Manifests.Count == 1)
            {
                return Primary.DiskUsage;
            }

            var blobs = new Dictionary<Digest, long>();
            foreach (var blob in Manifests.SelectMany(m => m.DiskUsage.Blobs))
            {
                blobs[blob.Key] = blob.Value;
            }

            return new ImageDiskUsage(blobs.Values.Sum(), blobs);
        }
    }

    /// <summary>True when nothing names the image: no tag, no digest reference, no registry it came from.</summary>
    public bool IsDangling => Tags.Count == 0 && RepoDigests().Count == 0;

    /// <summary>Manifests, configs and compressed layers on disk; for an index, everything of it the store holds.</summary>
    public long Size => DiskUsage.Size;

    /// <summary>The config's <c>created</c>; for an index the newest of the children the store holds.</summary>
    public DateTimeOffset? Created =>
        IsIndex ? Children.Select(c => c.Image?.Created).Max() : Image?.Created;

    public IReadOnlyDictionary<string, string> Labels =>
        Image?.Labels ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>When a tag was last pointed at this image by tagging it, when known.</summary>
    public DateTimeOffset? LastTagTime => Entries.Select(e => e.LastTagTime).Max();

    /// <summary>The digests of the manifests (and nested indexes) an index lists.</summary>
    public IEnumerable<Digest> ChildDigests => Children.Select(c => c.Descriptor.Digest);

    /// <summary>docker's RepoTags: the familiar form of every tag; a <c>name@digest</c> reference is not a tag.</summary>
    public IReadOnlyList<string> RepoTags() =>
        Tags.Where(t => !t.IsDigestReference).Select(t => t.FamiliarString).ToList();

    /// <summary>
    /// docker's RepoDigests: <c>name@digest</c> for every digest reference and for every registry repository a
    /// manifest was pulled from (with the digest the registry knows it by: an index's when one platform was pulled).
    /// An image only built or loaded has none, as in docker, until it is pushed or pulled.
    /// </summary>
    public IReadOnlyList<string> RepoDigests() =>
        DigestReferences().Select(r => r.FamiliarString).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The references behind <see cref="RepoDigests"/>.</summary>
    public IEnumerable<ImageReference> DigestReferences()
    {
        foreach (var tag in Tags.Where(t => t.IsDigestReference))
        {
            yield return tag.Reference!;
        }

        foreach (var entry in Entries)
        {
            foreach (var pulledFrom in entry.PulledFromAll)
            {
                if (ImageReference.TryParse(pulledFrom, out var source))
                {
                    yield return source.Digest is null ? source.WithoutTag().WithDigest(entry.Digest) : source.WithoutTag();
                }
            }
        }
    }
}
