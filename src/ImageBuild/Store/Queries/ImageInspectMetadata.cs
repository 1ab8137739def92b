namespace ImageBuild.Store.Queries;

/// <summary>Docker's <c>Metadata</c>: when a tag was last set (Go's zero time when never).</summary>
public sealed record ImageInspectMetadata(string LastTagTime);
