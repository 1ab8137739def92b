using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>
/// An OCI layout to write to. The name replaces any entry of the same name, as skopeo does, so a layout never
/// holds two images under one name; without a name the image is added unnamed.
/// </summary>
public sealed class LayoutDestination(OciLayout layout, string? refName, string displayName) : ImageDestination
{
    public override IBlobWriter Writer => layout;

    public override string DisplayName => displayName;

    public override Task CommitAsync(Descriptor root, IBlobReader source, CancellationToken cancellationToken) =>
        layout.UpdateIndexAsync(
            index => refName is null
                ? IndexEdits.AddUntagged(index, root)
                : index with { Manifests = [.. index.Manifests.Where(e => IndexEdits.RefNameOf(e) != refName), IndexEdits.WithRefName(root, refName)] },
            cancellationToken);
}
