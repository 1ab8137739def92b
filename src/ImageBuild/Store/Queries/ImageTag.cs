using ImageBuild.References;

namespace ImageBuild.Store.Queries;

/// <summary>
/// One reference name of a store image, split the way docker lists it. <see cref="Reference"/> is null for a
/// ref.name that is not an image reference (an OCI layout written by another tool may use a bare tag).
/// </summary>
/// <param name="RefName">The full name as stored in index.json, for example <c>docker.io/library/alpine:3.20</c>.</param>
/// <param name="Repository">The familiar repository (<c>alpine</c>), or the raw name when it does not parse.</param>
/// <param name="Tag">The tag, or <c>&lt;none&gt;</c> when the name has none.</param>
public sealed record ImageTag(string RefName, ImageReference? Reference, string Repository, string Tag, DateTimeOffset? LastTagTime)
{
    public const string None = "<none>";

    /// <summary>A <c>name@digest</c> reference (a pull by digest), which docker counts in RepoDigests, not RepoTags.</summary>
    public bool IsDigestReference => Reference?.Digest is not null;

    /// <summary>The familiar form docker prints in RepoTags and <c>Untagged:</c> lines: <c>alpine:3.20</c>.</summary>
    public string FamiliarString => Reference?.FamiliarString ?? RefName;

    public static ImageTag FromEntry(StoreEntry entry)
    {
        var refName = entry.RefName ?? throw new ArgumentException("a dangling entry has no tag", nameof(entry));
        return ImageReference.TryParse(refName, out var reference)
            ? new ImageTag(refName, reference, reference.FamiliarName, reference.Tag ?? None, entry.LastTagTime)
            : new ImageTag(refName, null, refName, None, entry.LastTagTime);
    }
}
