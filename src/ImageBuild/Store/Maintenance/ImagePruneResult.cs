namespace ImageBuild.Store.Maintenance;

/// <summary>What <c>image prune</c> removed, in docker's order: for each image its names untagged, then its ID deleted.</summary>
/// <param name="SpaceReclaimed">Bytes really freed: blobs a remaining image still uses are not counted.</param>
public sealed record ImagePruneResult(IReadOnlyList<ImageRemovalEvent> Events, long SpaceReclaimed);
