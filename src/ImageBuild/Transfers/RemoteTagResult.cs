using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Transfers;

/// <summary>One target of a remote tag and how it was made.</summary>
/// <param name="Copy">The blobs moved for it: none for a tag in the source's own repository.</param>
public sealed record RemoteTagResult(ImageReference Target, Descriptor Root, CopyResult Copy)
{
    public string DigestReference => $"{Target.Name}@{Root.Digest}";
}
