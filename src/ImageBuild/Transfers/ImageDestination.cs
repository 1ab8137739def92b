using ImageBuild.Content;
using ImageBuild.Oci;

namespace ImageBuild.Transfers;

/// <summary>
/// An opened place to copy an image to: blobs go to <see cref="Writer"/>, children first; then
/// <see cref="CommitAsync"/> names the root (a tag in a registry, a ref.name in a layout, an archive file).
/// Disposing it removes scratch space; an uncommitted destination leaves no named image behind.
/// </summary>
public abstract class ImageDestination : IAsyncDisposable
{
    public abstract IBlobWriter Writer { get; }

    /// <summary>How messages name the destination.</summary>
    public abstract string DisplayName { get; }

    /// <summary>Refuses, before anything is copied, a root this destination cannot name (throws <see cref="Errors.ImageBuildException"/>).</summary>
    public virtual void ValidateRoot(Descriptor root)
    {
    }

    /// <summary>Names <paramref name="root"/>, whose content is already written; <paramref name="source"/> serves its bytes.</summary>
    public abstract Task CommitAsync(Descriptor root, IBlobReader source, CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
