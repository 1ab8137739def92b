using ImageBuild.Oci;

namespace ImageBuild.Store.Maintenance;

/// <summary>One thing the store check found. Warnings do not make an image unusable.</summary>
/// <param name="Digest">The blob concerned, when the problem is about one.</param>
/// <param name="Path">The file concerned, or the reference name for metadata and entry problems.</param>
public sealed record StoreProblem(StoreProblemKind Kind, bool IsWarning, Digest? Digest, string? Path, string Message);
