namespace ImageBuild.Store.Maintenance;

/// <summary>What kind of damage a store check found.</summary>
public enum StoreProblemKind
{
    /// <summary>A blob whose content does not hash to its file name.</summary>
    CorruptBlob,

    /// <summary>A blob an image needs is not in the store; the image cannot be used.</summary>
    MissingBlob,

    /// <summary>A manifest an index lists (or a foreign layer) is not stored; allowed after a single-platform pull.</summary>
    MissingOptionalBlob,

    /// <summary>A manifest, index or config that cannot be read or parsed, so what it names is unknown.</summary>
    UnreadableDocument,

    /// <summary>A file under blobs/ whose name is not a digest.</summary>
    UnexpectedFile,

    /// <summary>A temp file in ingest/ left by a process that was killed.</summary>
    LeftoverTempFile,

    /// <summary>A blob no image and no layer-cache record uses, older than the grace period: prune removes it.</summary>
    UnreferencedBlob,

    /// <summary>Tag time or pull source kept for a reference or image the index no longer has.</summary>
    OrphanedMetadata,
}
