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
            var names = image.RefNames.Select(ToReference).OfType<ImageReference>().Distinct().ToList();
            if (names.Count == 0)
            {
                await store.AddUntaggedAsync(image.Root, cancellationToken);
            }

            foreach (var name in names)
            {
                // As docker load: naming a loaded image is not tagging it (no LastTagTime).
                await store.TagAsync(name.ToString(), image.Root, cancellationToken, recordTagTime: false);
            }

            var id = await store.GetImageIdAsync(image.Root, cancellationToken);
            results.Add(new StoreArchiveLoadResult(image.Root, id, names));
        }

        return results;
    }

    private static ImageReference? ToReference(string name)
    {
        // A bare word is a tag (skopeo's oci-archive:FILE:TAG) or an ambiguous name; neither names a repository.
        if (!name.Contains('/') && !name.Contains(':'))
        {
            return null;
        }

        return ImageReference.TryParse(name, out var reference) && reference.Digest is null ? reference.WithDefaultTag() : null;
    }
}
