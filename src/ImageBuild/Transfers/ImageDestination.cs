using ImageBuild.Content;

namespace ImageBuild.Transfers;

/// <summary>
/// An opened place to write images to, in two phases so a reader never finds a name pointing at something
/// incomplete: <see cref="WriteContentAsync"/> writes everything the images reach (blobs, manifests, or a whole
/// archive file under a temporary name), then <see cref="CommitAsync"/> names them (registry tags, layout
/// ref.names, store tags, the archive's final file name). A caller writing to several destinations finishes the
/// content of all before it commits any. Disposing removes what an uncommitted destination wrote under temporary
/// names; blobs already in place stay (nothing names them).
/// </summary>
public abstract class ImageDestination : IAsyncDisposable
{
    /// <summary>How messages name the destination.</summary>
    public abstract string DisplayName { get; }

    /// <summary>Refuses, before anything is written, an image this destination cannot hold or name (throws <see cref="Errors.ImageBuildException"/>).</summary>
    public virtual void Validate(NamedImage image)
    {
    }

    /// <summary>Writes everything <paramref name="images"/> reach, reading from <paramref name="source"/>; names nothing yet.</summary>
    public abstract Task<ContentCopySummary> WriteContentAsync(
        IReadOnlyList<NamedImage> images, IBlobReader source, ContentCopyOptions options, CancellationToken cancellationToken = default);

    /// <summary>Names <paramref name="images"/>, whose content <see cref="WriteContentAsync"/> wrote; <paramref name="source"/> serves their bytes.</summary>
    public abstract Task CommitAsync(IReadOnlyList<NamedImage> images, IBlobReader source, CancellationToken cancellationToken = default);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
