using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>What a garbage collection removed: blobs no index.json entry reaches, and stale temp files.</summary>
public sealed record GarbageCollectionResult(long BytesFreed, IReadOnlyList<Digest> RemovedBlobs);
