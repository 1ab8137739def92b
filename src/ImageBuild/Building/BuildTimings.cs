namespace ImageBuild.Building;

/// <summary>
/// Where a build spent its time, in milliseconds: wall time of each step (base, layers, outputs, total) and, inside
/// the layers step, the time per phase summed over layers (layers are made concurrently, so the sums can exceed
/// the step's wall time).
/// </summary>
/// <param name="BaseMilliseconds">Load: resolving the base image and choosing its platforms.</param>
/// <param name="LayersMilliseconds">Making every new layer and writing configs and manifests.</param>
/// <param name="OutputsMilliseconds">Upload: writing or pushing the outputs, then the tags.</param>
public sealed record BuildTimings(long BaseMilliseconds, long LayersMilliseconds, long OutputsMilliseconds, long TotalMilliseconds)
{
    /// <summary>Listing each layer's files and looking its cheap cache keys up.</summary>
    public long PlanMilliseconds { get; init; }

    /// <summary>Reading files to hash their contents (layers no cheaper key found).</summary>
    public long HashMilliseconds { get; init; }

    /// <summary>Tar, hash and compress of new layers.</summary>
    public long TarCompressMilliseconds { get; init; }

    /// <summary>Composing and writing configs, manifests and the index.</summary>
    public long ManifestMilliseconds { get; init; }

    /// <summary>One line for people: "load 12 ms, plan 3 ms, hash 0 ms, tar+compress 840 ms, manifest 2 ms, upload 120 ms, total 990 ms".</summary>
    public string Describe() =>
        FormattableString.Invariant($"load {BaseMilliseconds} ms, plan {PlanMilliseconds} ms, hash {HashMilliseconds} ms, tar+compress {TarCompressMilliseconds} ms, manifest {ManifestMilliseconds} ms, upload {OutputsMilliseconds} ms, total {TotalMilliseconds} ms");
}
