using ImageBuild.Oci;

namespace ImageBuild.Store.Maintenance;

/// <summary>What a store repair removed.</summary>
/// <param name="RemovedTempFiles">Paths of leftover temp files deleted from ingest/.</param>
/// <param name="RemovedEntries">index.json entries removed because blobs they need are missing.</param>
/// <param name="RemovedBlobs">Corrupt blobs deleted because no remaining entry needs them.</param>
/// <param name="BytesFreed">Bytes of the temp files and blobs (corrupt and unreferenced) deleted.</param>
public sealed record StoreRepairResult(
    IReadOnlyList<string> RemovedTempFiles, IReadOnlyList<StoreEntry> RemovedEntries, IReadOnlyList<Digest> RemovedBlobs, long BytesFreed)
{
    /// <summary>Intact blobs no image and no layer-cache record used, past the grace period, deleted.</summary>
    public IReadOnlyList<Digest> RemovedUnreferencedBlobs { get; init; } = [];
}
