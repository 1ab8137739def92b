using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>A manifest or index the layout holds but that cannot be read or parsed, and why.</summary>
public sealed record UnreadableBlob(Descriptor Blob, string Reason);
