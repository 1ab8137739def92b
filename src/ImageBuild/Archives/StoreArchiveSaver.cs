using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Store;

namespace ImageBuild.Archives;

/// <summary>
/// Saves store images into an archive file. The archive is written to a temp file beside the target
/// and renamed into place, so a failure never leaves a truncated archive under the requested name.
/// </summary>
public sealed class StoreArchiveSaver(ImageStore store)
{
    /// <param name="images">Each image's root in the store with the names to record for it (none for an untagged image).</param>
    /// <param name="platform">For the docker format, which image of a multi-platform index to save.</param>
    public async Task SaveAsync(
        IReadOnlyList<(Descriptor Root, IReadOnlyList<ImageReference> Names)> images,
        string outputPath,
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

        var fullPath = Path.GetFullPath(outputPath);
        var temp = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                if (format == ArchiveFormat.Oci)
                {
                    await new OciArchiveWriter().WriteAsync(output, store.Layout, archiveImages, cancellationToken);
                }
                else
                {
                    var scratch = Path.GetDirectoryName(store.Layout.CreateIngestPath())!;
                    await new DockerArchiveWriter(scratch).WriteAsync(output, store.Layout, archiveImages, cancellationToken);
                }

                await output.FlushAsync(cancellationToken);
                output.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
