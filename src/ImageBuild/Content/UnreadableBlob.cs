using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>A manifest or index the source holds but that cannot be read or parsed, and why.</summary>
public sealed record UnreadableBlob(Descriptor Blob, string Reason);
