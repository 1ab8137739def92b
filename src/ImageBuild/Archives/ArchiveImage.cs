using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>
/// One image to write into an archive: its root (a manifest or an index) and the names to record for it,
/// written exactly as given (callers pass the form the target format expects, e.g. familiar names for docker).
/// </summary>
public sealed record ArchiveImage(Descriptor Root, IReadOnlyList<string> RefNames);
