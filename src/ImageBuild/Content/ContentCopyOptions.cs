using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>How a <see cref="ContentCopier"/> copies: what it may leave out, how many blobs move at once, who hears of it.</summary>
public sealed record ContentCopyOptions
{
    public static ContentCopyOptions Default { get; } = new();

    /// <summary>
    /// Tolerate manifests (or nested indexes) listed by an index but missing from the source, as after a
    /// single-platform pull; the index is still copied whole.
    /// </summary>
    public bool AllowMissingIndexChildren { get; init; }

    /// <summary>
    /// Which children of an index to copy (the index itself is always copied whole, so its digest holds).
    /// Null copies every child. Leaving children out needs <see cref="AllowMissingIndexChildren"/> on the
    /// reading side later, so the two usually go together.
    /// </summary>
    public Func<Descriptor, bool>? IndexChildFilter { get; init; }

    /// <summary>How many blobs are transferred at the same time.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Told when each blob starts, is skipped, moves bytes and ends.</summary>
    public IProgress<BlobTransferEvent>? Progress { get; init; }
}
