using ImageBuild.Oci;

namespace ImageBuild.Building;

/// <summary>What a build made and what it cost.</summary>
/// <param name="Digest">The root: the index digest for several platforms, else the manifest digest.</param>
/// <param name="IndexDigest">Set when the build made an index.</param>
/// <param name="LayersWritten">Layers tarred and compressed in this build.</param>
/// <param name="LayersReused">Layers taken from the layer cache without tarring or compressing.</param>
/// <param name="BlobsUploaded">Blobs written to an output that did not have them.</param>
/// <param name="BlobsMounted">Blobs a registry mounted from another repository instead of receiving them.</param>
/// <param name="BlobsSkipped">Blobs an output already had.</param>
public sealed record BuildResult(
    Digest Digest,
    string MediaType,
    Digest? IndexDigest,
    IReadOnlyList<BuiltImage> Images,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Outputs,
    string? BaseName,
    Digest? BaseDigest,
    int LayersWritten,
    int LayersReused,
    int BlobsUploaded,
    int BlobsMounted,
    int BlobsSkipped,
    BuildTimings Timings);
