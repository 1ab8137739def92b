using ImageBuild.Content;

namespace ImageBuild.Transfers;

/// <summary>A destination that stores blobs one by one (the store, an OCI layout, a registry): content is the graph under each root, children first.</summary>
public abstract class BlobWriterDestination : ImageDestination
{
    public abstract IBlobWriter Writer { get; }

    public override async Task<ContentCopySummary> WriteContentAsync(
        IReadOnlyList<NamedImage> images, IBlobReader source, ContentCopyOptions options, CancellationToken cancellationToken)
    {
        var copier = new ContentCopier(source, Writer);
        var summaries = new List<ContentCopySummary>();
        foreach (var image in images)
        {
            summaries.Add(await copier.CopyAsync(image.Root, cancellationToken, options));
        }

        return ContentCopySummary.Sum(summaries);
    }
}
