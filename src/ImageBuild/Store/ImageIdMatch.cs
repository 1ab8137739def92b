using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>The one image an ID prefix named, and every store entry that holds it.</summary>
public sealed record ImageIdMatch(Digest ImageId, IReadOnlyList<StoreEntry> Entries);
