using ImageBuild.Content;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>The local store: blobs go into its layout, and the commit tags each image (recording where it came from), then keeps its referrers.</summary>
/// <param name="refName">The location's own full reference (<c>name:tag</c> or <c>name@digest</c>), which wins over the caller's names; null to use them.</param>
/// <param name="pulledFrom">The registry reference, by digest, the image came from; null for local copies.</param>
/// <param name="recordTagTime">Whether naming counts as tagging (docker's LastTagTime): a load's names do not, as in docker.</param>
public sealed class StoreDestination(ImageStore store, string? refName, string? pulledFrom, bool recordTagTime = true) : BlobWriterDestination
{
    public override IBlobWriter Writer => store.Layout;

    public override string DisplayName => ImageLocation.StorePrefix + refName;

    public override async Task CommitAsync(IReadOnlyList<NamedImage> images, IBlobReader source, CancellationToken cancellationToken = default)
    {
        foreach (var image in images)
        {
            var names = refName is not null ? [refName] : image.Names.Select(n => n.ToString()).Distinct().ToList();
            if (names.Count == 0)
            {
                await store.AddUntaggedAsync(image.Root, pulledFrom, cancellationToken);
            }

            foreach (var name in names)
            {
                await store.TagAsync(name, image.Root, pulledFrom, recordTagTime, cancellationToken);
            }
        }

        await store.AttachReferrersAsync(images.SelectMany(i => i.Referrers).ToList(), cancellationToken);
    }
}
