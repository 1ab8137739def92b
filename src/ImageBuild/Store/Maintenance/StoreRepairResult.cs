using ImageBuild.Oci;

namespace ImageBuild.Store.Maintenance;

/// <summary>What a store repair removed.</summary>
/// <param name="RemovedTempFiles">Paths of leftover temp files deleted from ingest/.</param>
/// <param name="RemovedEntries">index.json entries removed because blobs they need are missing.</param>
/// <param name="RemovedBlobs">Corrupt blobs deleted.</param>
/// <param name="BytesFreed">Bytes of the temp files and blobs (corrupt and unreferenced) deleted.</param>
public sealed record StoreRepairResult(
    IReadOnlyList<string> RemovedTempFiles, IReadOnlyList<StoreEntry> RemovedEntries, IReadOnlyList<Digest> RemovedBlobs, long BytesFreed)
{
    /// <summary>Images that used a removed corrupt blob: their entries stay, and a pull (or build) makes them whole again.</summary>
    public IReadOnlyList<ImageNeedingPull> NeedPull { get; init; } = [];

    /// <summary>Intact blobs no image and no layer-cache record used, past the grace period, deleted.</summary>
    public IReadOnlyList<Digest> RemovedUnreferencedBlobs { get; init; } = [];
}

/// <summary>An image whose corrupt blobs a repair removed.</summary>
/// <param name="Digest">The image's manifest or index digest.</param>
/// <param name="RefNames">Its tags, empty for an untagged image.</param>
/// <param name="RemovedBlobs">The corrupt blobs it used.</param>
public sealed record ImageNeedingPull(Digest Digest, IReadOnlyList<string> RefNames, IReadOnlyList<Digest> RemovedBlobs);
