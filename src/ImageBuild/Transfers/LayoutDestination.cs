using ImageBuild.Content;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>
/// An OCI layout to write to. Each name replaces any entry of the same name, as skopeo does, so a layout never
/// holds two images under one name; an image without a name is added unnamed, and so is each referrer (as oras keeps
/// them), described with its artifactType and annotations.
/// </summary>
/// <param name="refName">The location's own name (<c>oci:DIR:REF</c>), which wins over the names the caller gives.</param>
public sealed class LayoutDestination(OciLayout layout, string? refName, string displayName) : BlobWriterDestination
{
    public override IBlobWriter Writer => layout;

    public override string DisplayName => displayName;

    public override Task CommitAsync(IReadOnlyList<NamedImage> images, IBlobReader source, CancellationToken cancellationToken = default) =>
        layout.UpdateIndexAsync(
            index =>
            {
                foreach (var image in images)
                {
                    var names = NamesOf(image);
                    index = names.Count == 0
                        ? IndexEdits.AddUntagged(index, image.Root)
                        : names.Aggregate(index, (current, name) => IndexEdits.Replace(current, name, image.Root));
                    index = image.Referrers.Aggregate(index, (current, referrer) => IndexEdits.AddUntagged(current, referrer.Descriptor));
                }

                return index;
            },
            cancellationToken);

    private IReadOnlyList<string> NamesOf(NamedImage image) =>
        refName is not null ? [refName] : image.Names.Select(n => n.ToString()).ToList();
}
