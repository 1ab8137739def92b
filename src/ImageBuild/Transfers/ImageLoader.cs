using ImageBuild.Archives;
using ImageBuild.Content;
using ImageBuild.References;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>
/// <c>load</c>: every image of an oci-archive or docker-archive (plain, gzip or zstd) into the store, read in place
/// as an <c>oci-archive:</c> or <c>docker-archive:</c> source is, and written as any copy into the store is: blobs
/// first, verified, names last. Names that are not full references (skopeo writes a bare tag as ref.name) cannot
/// name a repository, so such images are kept untagged, as docker load keeps them.
/// </summary>
public sealed class ImageLoader(ImageStore store)
{
    public async Task<IReadOnlyList<LoadResult>> LoadAsync(string archivePath, CancellationToken cancellationToken = default)
    {
        await using var contents = await ArchiveContents.OpenAsync(archivePath, store.Layout.CreateIngestPath, cancellationToken);
        var images = contents.Images
            .Select(i => new NamedImage(i.Root, i.RefNames.Select(ToReference).OfType<ImageReference>().Distinct().ToList()))
            .ToList();
        var dropped = contents.Images.Select(i => i.RefNames.Where(n => ToReference(n) is null && !IsBareWord(n)).Select(n => n ?? "null").ToList()).ToList();
        var destination = new StoreDestination(store, refName: null, pulledFrom: null, recordTagTime: false);
        // A partial multi-platform image (one platform pulled, then saved) is normal: its index is kept whole.
        await ImageCopier.WriteAsync(contents.Reader, [new DestinationWrite(destination, images)], ContentCopyOptions.Default, cancellationToken);

        var results = new List<LoadResult>();
        foreach (var (image, droppedNames) in images.Zip(dropped))
        {
            results.Add(new LoadResult(image.Root, await store.GetImageIdAsync(image.Root, cancellationToken), image.Names) { DroppedNames = droppedNames });
        }

        return results;
    }

    // The archive is untrusted: a name may be missing (JSON null), empty or anything at all.
    private static ImageReference? ToReference(string? name) =>
        name is null || IsBareWord(name) ? null
        : ImageReference.TryParse(name, out var reference) && reference.Digest is null ? reference.WithDefaultTag() : null;

    // A bare word is a tag (skopeo's oci-archive:FILE:TAG) or an ambiguous name; neither names a repository.
    private static bool IsBareWord(string? name) => name is { Length: > 0 } && !name.Contains('/') && !name.Contains(':');
}
