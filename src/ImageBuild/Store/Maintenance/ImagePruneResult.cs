using ImageBuild.Oci;

namespace ImageBuild.Store.Maintenance;

/// <summary>What <c>image prune</c> removed.</summary>
/// <param name="SpaceReclaimed">Bytes really freed: blobs a remaining image still uses are not counted.</param>
public sealed record ImagePruneResult(IReadOnlyList<Digest> DeletedImageIds, long SpaceReclaimed);
