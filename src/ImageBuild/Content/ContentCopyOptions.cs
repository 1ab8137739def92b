namespace ImageBuild.Content;

/// <summary>How a <see cref="ContentCopier"/> copies: how many blobs move at once, who hears of it.</summary>
public sealed record ContentCopyOptions
{
    public static ContentCopyOptions Default { get; } = new();

    /// <summary>How many blobs are transferred at the same time.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Told when each blob starts, is skipped, moves bytes and ends.</summary>
    public IProgress<BlobTransferEvent>? Progress { get; init; }
}
