using ImageBuild.Content;

namespace ImageBuild.Transfers;

/// <summary>
/// A destination that stores blobs one by one (the store, an OCI layout, a registry): content is the graph under each
/// root, children first, then the graph of each of its referrers, so a referrer never arrives before its subject.
/// </summary>
public abstract class BlobWriterDestination : ImageDestination
{
    public abstract IBlobWriter Writer { get; }

    public override async Task<ContentCopySummary> WriteContentAsync(
        IReadOnlyList<NamedImage> images, IBlobReader source, ContentCopyOptions options, CancellationToken cancellationToken = default)
    {
        var copier = new ContentCopier(source, Writer);
        var summaries = new List<ContentCopySummary>();
        foreach (var image in images)
        {
            summaries.Add(await copier.CopyAsync(image.Root, options, cancellationToken: cancellationToken));
            foreach (var referrer in image.Referrers)
            {
                summaries.Add(await copier.CopyAsync(referrer.Descriptor, options, cancellationToken: cancellationToken));
            }
        }

        return ContentCopySummary.Sum(summaries);
    }
}
