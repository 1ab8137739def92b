namespace ImageBuild.Registry;

/// <summary>
/// The answer to a cross-repository mount: either the blob is now in the repository, or the registry opened
/// <see cref="Session"/> for an ordinary upload, which the caller must complete or cancel.
/// </summary>
public sealed record BlobMountResult(bool Mounted, BlobUploadSession? Session);
