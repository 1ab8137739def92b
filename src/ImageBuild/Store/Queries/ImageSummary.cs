using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>One row of <c>image ls</c>: a tag of an image, a digest reference of it, or a dangling image as <c>&lt;none&gt;</c>.</summary>
/// <param name="Id">The image ID (config digest of a manifest, digest of an index).</param>
/// <param name="Digest">docker's DIGEST column: the repository's digest with --digests, else <c>&lt;none&gt;</c> (or empty for a digest-only row).</param>
/// <param name="Created">The config's creation time; null when the image does not say.</param>
/// <param name="Size">Bytes on disk: manifests, config and compressed layers (for an index every part the store holds).</param>
public sealed record ImageSummary(
    Digest Id,
    string Repository,
    string Tag,
    string Digest,
    DateTimeOffset? Created,
    long Size,
    IReadOnlyDictionary<string, string> Labels,
    bool IsDangling);
