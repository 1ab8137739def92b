namespace ImageBuild.Content;

/// <summary>Where one blob is in a copy, as progress reports tell it.</summary>
public enum BlobTransferStage
{
    /// <summary>The target already had the blob; nothing moved.</summary>
    Skipped,

    Started,

    Transferring,

    Completed,
}
