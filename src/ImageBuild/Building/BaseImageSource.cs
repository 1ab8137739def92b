using ImageBuild.Store;
using ImageBuild.Transfers;

namespace ImageBuild.Building;

/// <summary>
/// Finds the base image a plan names: <c>scratch</c>, or any image <see cref="ImageLookup"/> finds (a store image,
/// a location, or a reference with a registry host the store lacks, in its registry). Registry layers are never
/// downloaded here: only manifests and configs are read.
/// </summary>
public static class BaseImageSource
{
    public const string Scratch = "scratch";

    public static async Task<BaseImage> ResolveAsync(ImageStore store, string text, TransferEndpoints? endpoints, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text) || text == Scratch)
        {
            return new BaseImage(store.Layout, null, null);
        }

        var found = await ImageLookup.OpenAsync(text, endpoints ?? TransferEndpoints.Local(store), remote: false, cancellationToken);
        return new BaseImage(found.Source.Reader, found.Source.Root with { Annotations = null }, found.Name, found.Source);
    }
}
