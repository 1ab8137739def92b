using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Store;

namespace ImageBuild.Archives;

/// <summary>
/// Saves store images into an archive stream (callers write files with <see cref="IO.AtomicFile"/>, so a
/// failure never leaves a truncated archive under the requested name).
/// </summary>
public sealed class StoreArchiveSaver(ImageStore store)
{
    /// <param name="images">Each image's root in the store with the names to record for it (none for an untagged image).</param>
    /// <param name="platform">For the docker format, which image of a multi-platform index to save.</param>
    public async Task SaveAsync(
        IReadOnlyList<(Descriptor Root, IReadOnlyList<ImageReference> Names)> images,
        Stream output,
        ArchiveFormat format,
        Platform? platform,
        CancellationToken cancellationToken)
    {
        var archiveImages = new List<ArchiveImage>();
        foreach (var (root, names) in images)
        {
            if (format == ArchiveFormat.Oci)
            {
                archiveImages.Add(new ArchiveImage(root, names.Select(n => n.ToString()).ToList()));
                continue;
            }

            var displayName = names.Count > 0 ? names[0].FamiliarString : root.Digest.ToString();
            var image = await ManifestSelector.ResolveAsync(store.Layout, root, platform, displayName, cancellationToken);
            archiveImages.Add(new ArchiveImage(image.ManifestDescriptor, names.Select(n => n.FamiliarString).ToList()));
        }

        if (format == ArchiveFormat.Oci)
        {
            await new OciArchiveWriter().WriteAsync(output, store.Layout, archiveImages, cancellationToken);
        }
        else
        {
            var scratch = Path.GetDirectoryName(store.Layout.CreateIngestPath())!;
            await new DockerArchiveWriter(scratch).WriteAsync(output, store.Layout, archiveImages, cancellationToken);
        }
    }
}
