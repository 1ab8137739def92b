using ImageBuild.Errors;
using ImageBuild.References;
using ImageBuild.Store.Queries;

namespace ImageBuild.Transfers;

/// <summary>
/// An image in the local store: read by any name <c>image ls</c> shows (reference or ID), written under a reference.
/// Without a reference (a build's <c>store</c> output) the caller's names tag it, and with none it is kept untagged.
/// </summary>
public sealed record StoreLocation(string? Reference) : ImageLocation
{
    /// <summary>The store, named by whoever writes to it.</summary>
    public static StoreLocation Unnamed { get; } = new((string?)null);

    public override string ToString() => StorePrefix + Reference;

    public override bool NamesItself => Reference is not null;

    public override async Task<ImageSource> OpenSourceAsync(TransferEndpoints endpoints, CancellationToken cancellationToken = default)
    {
        var store = await endpoints.OpenStore(cancellationToken);
        var resolved = await ImageResolver.ResolveAsync(
            store, Reference ?? throw new InvalidInputException("store: names no image to read: give store:REF"), cancellationToken);
        var mounts = await StoreMountSources.LoadAsync(store, cancellationToken);
        return new ImageSource(resolved.Image.Descriptor, store.Layout, ToString(), mountSource: mounts.Find, referrers: store);
    }

    public override async Task<ImageDestination> OpenDestinationAsync(TransferEndpoints endpoints, ImageSource source, CancellationToken cancellationToken = default)
    {
        string? refName = null;
        if (Reference is not null)
        {
            var reference = ImageReference.ParseNormalized(Reference);
            if (reference.Digest is not null && reference.Tag is not null)
            {
                throw new InvalidInputException($"{this}: give a tag or a digest, not both");
            }

            refName = reference.ToString();
        }

        var pulledFrom = source.Repository is { } repository ? $"{repository}@{source.Root.Digest}" : null;
        return new StoreDestination(await endpoints.OpenStore(cancellationToken), refName, pulledFrom);
    }
}
