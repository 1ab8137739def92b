using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Registry.Remote;

namespace ImageBuild.Transfers;

/// <summary>An image in a registry, by tag or digest (<c>:latest</c> when neither is given).</summary>
public sealed record RegistryLocation(ImageReference Reference) : ImageLocation
{
    /// <summary>More tags of the same repository that a write puts on the image, after the reference's own (a build's <c>-t</c> list).</summary>
    public IReadOnlyList<string> AlsoTagged { get; init; } = [];

    /// <summary>The reference transfers use: a digest wins over a tag; neither means <c>:latest</c>.</summary>
    public ImageReference Normalized => Reference.ByDigestOrTag();

    public override string ToString() => Reference.ToString();

    public override Task<ImageSource> OpenSourceAsync(TransferEndpoints endpoints, CancellationToken cancellationToken = default) =>
        OpenAsync(endpoints.Registries(Reference), Normalized, cancellationToken);

    public override Task<ImageDestination> OpenDestinationAsync(TransferEndpoints endpoints, ImageSource source, CancellationToken cancellationToken = default) =>
        Task.FromResult<ImageDestination>(new RegistryDestination(
            endpoints.Registries(Reference),
            Reference.WithDefaultTag(),
            source.MountSource,
            AlsoTagged));

    /// <summary>Fetches the manifest or index <paramref name="reference"/> names (one GET) and keeps its bytes for the copy.</summary>
    public static async Task<ImageSource> OpenAsync(RegistryClient client, ImageReference reference, CancellationToken cancellationToken = default)
    {
        var repository = client.Repository(reference.Repository);
        var tagOrDigest = reference.TagOrDigest;
        var manifest = await NearTags.SuggestOnMissingTagAsync(
            client, reference.Repository, tagOrDigest, () => client.GetManifestAsync(reference.Repository, tagOrDigest, cancellationToken), cancellationToken);
        var reader = new DocumentCachingBlobReader(repository);
        reader.Add(manifest.Digest, manifest.Bytes);
        return new ImageSource(manifest.ToDescriptor(), reader, reference.ToString(), repository);
    }
}
