using ImageBuild.Oci;

namespace ImageBuild.Store.Maintenance;

/// <summary>What <c>cache prune</c> removed.</summary>
/// <param name="RecordsRemoved">Layer-cache records forgotten.</param>
/// <param name="BlobsRemoved">Cached layers no image uses, deleted.</param>
/// <param name="SpaceReclaimed">Bytes of those blobs.</param>
public sealed record LayerCachePruneResult(int RecordsRemoved, IReadOnlyList<Digest> BlobsRemoved, long SpaceReclaimed);
