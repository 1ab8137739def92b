using ImageBuild.Oci;

namespace ImageBuild.Building.Rebasing;

/// <summary>Whether the base an image records has moved: <c>rebase --check</c>.</summary>
/// <param name="Base">The base name compared.</param>
/// <param name="RecordedDigest">The digest the image was built on.</param>
/// <param name="CurrentDigest">What the base name resolves to now.</param>
public sealed record RebaseCheck(string Base, Digest RecordedDigest, Digest CurrentDigest)
{
    public bool UpToDate => RecordedDigest == CurrentDigest;
}
