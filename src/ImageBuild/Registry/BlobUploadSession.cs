namespace ImageBuild.Registry;

/// <summary>An open blob upload: where to send the data, and the smallest chunk the registry accepts.</summary>
/// <param name="Location">The upload URL from <c>Location</c>, resolved but otherwise verbatim (its query is kept).</param>
/// <param name="MinimumChunkLength">The registry's <c>OCI-Chunk-Min-Length</c>, when it sent one.</param>
public sealed record BlobUploadSession(string Repository, Uri Location, long? MinimumChunkLength);
