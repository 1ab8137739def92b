using ImageBuild.Content;
using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>
/// The referrers of a plain OCI layout (one another tool or <c>copy --include-referrers</c> wrote): untagged
/// index.json entries whose manifest has a <c>subject</c>, as oras keeps them. Read once when the layout is opened.
/// </summary>
public sealed class LayoutReferrers : IReferrerSource
{
    private readonly IReadOnlyList<Referrer> referrers;

    private LayoutReferrers(IReadOnlyList<Referrer> referrers)
    {
        this.referrers = referrers;
    }

    public static async Task<LayoutReferrers> ReadAsync(OciLayout layout, ImageIndex index, CancellationToken cancellationToken = default)
    {
        var found = new List<Referrer>();
        foreach (var entry in index.Manifests.Where(e => IndexEdits.RefNameOf(e) is null && MediaTypes.IsManifest(e.MediaType) && layout.HasBlob(e)))
        {
            var manifest = OciJson.ParseManifest(await layout.ReadSmallBlobAsync(entry, cancellationToken));
            if (manifest.Subject is { } subject)
            {
                found.Add(new Referrer(ReferrerGraph.Describe(entry with { Annotations = null, ArtifactType = null }, manifest), subject.Digest));
            }
        }

        return new LayoutReferrers(found);
    }

    /// <summary>True when <paramref name="entry"/> is one of the layout's referrers rather than an image.</summary>
    public bool IsReferrer(Descriptor entry) =>
        IndexEdits.RefNameOf(entry) is null && referrers.Any(r => r.Descriptor.Digest == entry.Digest);

    public Task<IReadOnlyList<Descriptor>> ListReferrersAsync(Digest subject, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Descriptor>>(referrers.Where(r => r.Subject == subject).Select(r => r.Descriptor).ToList());
}
