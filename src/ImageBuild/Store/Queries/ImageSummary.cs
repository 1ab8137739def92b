using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>One row of <c>image ls</c>: a tag of an image, or a dangling image as <c>&lt;none&gt;</c>/<c>&lt;none&gt;</c>.</summary>
/// <param name="Id">The image ID (config digest of a manifest, digest of an index).</param>
/// <param name="Digest">The manifest or index digest, docker's <c>--digests</c> column.</param>
/// <param name="Created">The config's creation time; null when the image does not say.</param>
/// <param name="Size">Bytes on disk: manifest, config and compressed layers (for an index every part the store holds).</param>
/// <param name="RefName">The full stored reference name, or null for a dangling image.</param>
public sealed record ImageSummary(
    Digest Id,
    string Repository,
    string Tag,
    Digest Digest,
    DateTimeOffset? Created,
    long Size,
    IReadOnlyDictionary<string, string> Labels,
    bool IsDangling,
    string? RefName);
