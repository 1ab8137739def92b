using ImageBuild.Archives;
using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>
/// <c>save</c>: store images into one archive, written by the same archive destination <c>copy ... oci-archive:</c>
/// and <c>docker-archive:</c> use. The caller owns the stream (a staged file, standard output, a pipe).
/// </summary>
public sealed class ImageSaver(ImageStore store)
{
    /// <param name="images">Each image's root in the store with the names to record for it (none for an untagged image).</param>
    /// <param name="platform">For the docker format, which image of a multi-platform index to save; null for this machine's.</param>
    public async Task SaveAsync(
        IReadOnlyList<NamedImage> images, Stream output, ArchiveFormat format, Platform? platform, CancellationToken cancellationToken = default)
    {
        var chosen = new List<NamedImage>();
        foreach (var image in images)
        {
            if (format == ArchiveFormat.Docker)
            {
                var displayName = image.Names.Count > 0 ? image.Names[0].FamiliarString : image.Root.Digest.ToString();
                var selected = await ManifestSelector.ResolveAsync(store.Layout, image.Root, platform, displayName, cancellationToken);
                chosen.Add(image with { Root = selected.ManifestDescriptor with { Platform = null } });
            }
            else
            {
                chosen.Add(image);
            }
        }

        await using var destination = ArchiveDestination.ToStream(format, output, store.Layout.CreateIngestPath, "the archive");
        await ImageCopier.WriteAsync(store.Layout, [new DestinationWrite(destination, chosen)], ContentCopyOptions.Default, cancellationToken);
    }
}
