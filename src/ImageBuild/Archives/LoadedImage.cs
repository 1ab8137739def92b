using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>
/// An image read from an archive and stored in the sink. <see cref="RefNames"/> are the raw strings the
/// archive recorded (a full reference, a bare tag as skopeo writes, or docker RepoTags); callers normalize them.
/// </summary>
public sealed record LoadedImage(Descriptor Root, IReadOnlyList<string> RefNames);
