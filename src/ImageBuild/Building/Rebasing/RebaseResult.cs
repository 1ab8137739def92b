using ImageBuild.Oci;

namespace ImageBuild.Building.Rebasing;

/// <summary>What a rebase made and where it went.</summary>
/// <param name="Digest">The new root: an index digest for a multi-platform image, else the manifest digest.</param>
/// <param name="BlobsUploaded">Blobs written to an output that did not have them (configs, new base layers from elsewhere).</param>
/// <param name="BlobsMounted">Blobs a registry mounted from another of its repositories.</param>
public sealed record RebaseResult(
    Digest Digest,
    string MediaType,
    IReadOnlyList<string> Tags,
    string OldBase,
    Digest OldBaseDigest,
    string NewBase,
    Digest NewBaseDigest,
    IReadOnlyList<RebasedImage> Images,
    int BlobsUploaded,
    int BlobsMounted,
    int BlobsSkipped);
