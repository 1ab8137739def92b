using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Registry;

namespace ImageBuild.Transfers;

/// <summary>
/// A registry repository to push to. Blobs it has are skipped (HEAD), blobs the source says another repository
/// of the same registry holds are mounted, manifests go by digest, and the tag (when the reference has one)
/// is put last, so the tag never points at something incomplete.
/// </summary>
public sealed class RegistryDestination : ImageDestination
{
    private readonly RegistryBlobSink sink;

    /// <param name="mountSource">For a registry host, a target repository and a blob: another repository there that holds it.</param>
    public RegistryDestination(RegistryClient client, ImageReference reference, Func<string, string, Descriptor, string?>? mountSource = null)
    {
        Client = client;
        Reference = reference;
        sink = new RegistryBlobSink(client, reference.Repository, mountSource is null ? null : d => mountSource(client.Registry, reference.Repository, d));
    }

    public RegistryClient Client { get; }

    /// <summary>Where the image goes: a tag is put after the content; a digest only checks what was pushed.</summary>
    public ImageReference Reference { get; }

    public string Repository => Reference.Repository;

    public override IBlobWriter Writer => sink;

    public override string DisplayName => Reference.ToString();

    /// <summary>What happened to each blob: skipped, uploaded or mounted.</summary>
    public RegistryBlobSink Sink => sink;

    public override void ValidateRoot(Descriptor root)
    {
        if (Reference.Digest is { } digest && digest != root.Digest)
        {
            throw new InvalidInputException($"cannot push {root.Digest} as {Reference}: the digests differ; push by tag, or give the image's own digest");
        }
    }

    public override async Task CommitAsync(Descriptor root, IBlobReader source, CancellationToken cancellationToken)
    {
        if (Reference.Tag is { } tag)
        {
            var bytes = await source.ReadSmallBlobAsync(root, cancellationToken);
            await Client.PutManifestAsync(Repository, tag, bytes, root.MediaType, cancellationToken);
        }
    }
}
