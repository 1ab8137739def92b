namespace ImageBuild.Content;

public enum BlobTransferStage
{
    /// <summary>The target already had the blob; nothing moved.</summary>
    Skipped,

    Started,

    Transferring,

    Completed,
}
