using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>
/// What <c>image inspect</c> knows of a stored image: its identity, names and size in the store, and its config blob
/// exactly as stored, from which the CLI renders docker's fields.
/// </summary>
public sealed record ImageInspect
{
    /// <summary>The image ID: the config digest (an index's own digest).</summary>
    public required Digest Id { get; init; }

    /// <summary>Tags in familiar form: <c>alpine:3.20</c>.</summary>
    public required IReadOnlyList<string> RepoTags { get; init; }

    /// <summary><c>repository@digest</c> for each repository a registry knows the image in.</summary>
    public required IReadOnlyList<string> RepoDigests { get; init; }

    /// <summary>The (chosen platform's) config blob's bytes.</summary>
    public required ReadOnlyMemory<byte> ConfigBytes { get; init; }

    public required ImageConfig Config { get; init; }

    /// <summary>Bytes on disk: manifest, config and compressed layers (for a whole index, every part stored).</summary>
    public long Size { get; init; }

    /// <summary>When a tag was last pointed at the image with <c>tag</c>; null when never.</summary>
    public DateTimeOffset? LastTagTime { get; init; }

    /// <summary>For an index: every manifest it lists and whether the store holds it; null for a manifest.</summary>
    public IReadOnlyList<ImageInspectManifest>? Manifests { get; init; }
}
