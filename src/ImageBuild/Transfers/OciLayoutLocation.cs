using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>
/// An image in an OCI layout directory, named by the <c>org.opencontainers.image.ref.name</c> of its index.json
/// entry (skopeo and umoci write the tag there). Without a name, the layout's only image is read, and a
/// written image is added unnamed. Untagged entries that refer to another (referrers, as oras keeps them) are not
/// images: they travel with their subject.
/// </summary>
public sealed record OciLayoutLocation(string Path, string? Reference) : ImageLocation
{
    public override string ToString() => OciPrefix + Path + (Reference is null ? string.Empty : ":" + Reference);

    public override bool NamesItself => Reference is not null;

    public override async Task<ImageSource> OpenSourceAsync(TransferEndpoints endpoints, CancellationToken cancellationToken = default)
    {
        var layout = OciLayout.Open(Path);
        var index = await layout.ReadIndexAsync(cancellationToken);
        var referrers = await LayoutReferrers.ReadAsync(layout, index, cancellationToken);
        var root = FindEntry(index.Manifests.Where(e => !referrers.IsReferrer(e)).ToList(), Reference, ToString());
        return new ImageSource(IndexEdits.WithRefName(root, null), layout, ToString(), referrers: referrers);
    }

    public override async Task<ImageDestination> OpenDestinationAsync(TransferEndpoints endpoints, ImageSource source, CancellationToken cancellationToken = default) =>
        new LayoutDestination(await OciLayout.OpenOrCreateAsync(Path, cancellationToken), Reference, ToString());

    /// <summary>The entry named <paramref name="reference"/>, or the only entry when no name is given.</summary>
    internal static Descriptor FindEntry(IReadOnlyList<Descriptor> entries, string? reference, string display)
    {
        if (reference is not null)
        {
            return entries.FirstOrDefault(e => IndexEdits.RefNameOf(e) == reference)
                ?? throw new NotFoundException($"{display} not found: the layout has no image named {reference}; it has {Names(entries)}");
        }

        return entries.Count == 1
            ? entries[0]
            : throw new InvalidInputException(entries.Count == 0
                ? $"{display} holds no image"
                : $"{display} holds {entries.Count} images; name one as {display}:REF ({Names(entries)})");
    }

    private static string Names(IReadOnlyList<Descriptor> entries)
    {
        var names = entries.Select(IndexEdits.RefNameOf).OfType<string>().Distinct().ToList();
        return names.Count == 0 ? "no named images" : string.Join(", ", names);
    }
}
