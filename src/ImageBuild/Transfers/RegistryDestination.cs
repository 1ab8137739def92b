using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.References;
using ImageBuild.Registry;

namespace ImageBuild.Transfers;

/// <summary>
/// A registry repository to push to. Blobs it has are skipped (HEAD), blobs the source says another repository
/// of the same registry holds are mounted, manifests go by digest, and the tags are put last, so a tag never
/// points at something incomplete. A reference by digest pushes without creating a tag. Referrers are pushed with the
/// content (a registry with the referrers API indexes them by their subject); on a registry without that API the
/// commit adds them to the subject's referrers tag (<c>sha256-HEX</c>), keeping the referrers listed there.
/// </summary>
public sealed class RegistryDestination : BlobWriterDestination
{
    private readonly RegistryBlobSink sink;

    /// <param name="reference">The repository, with the tag to put (or the digest to check).</param>
    /// <param name="alsoTagged">More tags of the same repository to put on the same image.</param>
    /// <param name="mountSource">For a registry host, a target repository and a blob: another repository there that holds it.</param>
    public RegistryDestination(
        RegistryClient client,
        ImageReference reference,
        Func<string, string, Oci.Descriptor, string?>? mountSource = null,
        IReadOnlyList<string>? alsoTagged = null)
    {
        Client = client;
        Reference = reference;
        Tags = [.. reference.Tag is { } tag ? [tag] : Array.Empty<string>(), .. (alsoTagged ?? []).Where(t => t != reference.Tag).Distinct()];
        sink = new RegistryBlobSink(client, reference.Repository, mountSource is null ? null : d => mountSource(client.Registry, reference.Repository, d));
    }

    public RegistryClient Client { get; }

    /// <summary>Where the image goes: tags are put after the content; a digest only checks what was pushed.</summary>
    public ImageReference Reference { get; }

    /// <summary>The tags put at commit, in order.</summary>
    public IReadOnlyList<string> Tags { get; }

    public string Repository => Reference.Repository;

    public override IBlobWriter Writer => sink;

    public override string DisplayName => Reference.ToString();

    /// <summary>What happened to each blob: skipped, uploaded or mounted.</summary>
    public RegistryBlobSink Sink => sink;

    public override void Validate(NamedImage image)
    {
        if (Reference.Digest is { } digest && digest != image.Root.Digest)
        {
            throw new InvalidInputException($"cannot push {image.Root.Digest} as {Reference}: the digests differ; push by tag, or give the image's own digest");
        }
    }

    public override async Task CommitAsync(IReadOnlyList<NamedImage> images, IBlobReader source, CancellationToken cancellationToken = default)
    {
        foreach (var image in images)
        {
            if (Tags.Count == 0)
            {
                continue;
            }

            var bytes = await source.ReadSmallBlobAsync(image.Root, cancellationToken);
            foreach (var tag in Tags)
            {
                await Client.PutManifestAsync(Repository, tag, bytes, image.Root.MediaType, cancellationToken);
            }
        }

        foreach (var subject in images.SelectMany(i => i.Referrers).GroupBy(r => r.Subject))
        {
            await Client.AddReferrersAsync(Repository, subject.Key, subject.Select(r => r.Descriptor).ToList(), cancellationToken);
        }
    }
}
