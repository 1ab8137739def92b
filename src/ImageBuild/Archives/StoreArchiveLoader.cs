using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Store;

namespace ImageBuild.Archives;

/// <summary>
/// Loads an oci-archive or docker-archive (plain, gzip or zstd) into the store. Blobs go in first,
/// verified; names are tagged last. Names that are not full references (skopeo writes a bare tag as
/// ref.name) cannot name a repository, so such images are kept untagged, as docker load keeps them.
/// </summary>
public sealed class StoreArchiveLoader(ImageStore store)
{
    public async Task<IReadOnlyList<StoreArchiveLoadResult>> LoadAsync(string archivePath, CancellationToken cancellationToken)
    {
        var scratch = Path.GetDirectoryName(store.Layout.CreateIngestPath())!;
        var loaded = await new ArchiveLoader().LoadAsync(archivePath, store.Layout, scratch, cancellationToken);
        var results = new List<StoreArchiveLoadResult>();
        foreach (var image in loaded)
        {
            var parsed = image.RefNames.Select(name => (Name: name, Reference: ToReference(name))).ToList();
            var names = parsed.Select(p => p.Reference).OfType<ImageReference>().Distinct().ToList();
            var dropped = parsed.Where(p => p.Reference is null && !IsBareWord(p.Name)).Select(p => p.Name ?? "null").ToList();
            if (names.Count == 0)
            {
                await store.AddUntaggedAsync(image.Root, cancellationToken);
            }

            foreach (var name in names)
            {
                await store.TagAsync(name.ToString(), image.Root, cancellationToken);
            }

            var id = await store.GetImageIdAsync(image.Root, cancellationToken);
            results.Add(new StoreArchiveLoadResult(image.Root, id, names) { DroppedNames = dropped });
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
