namespace ImageBuild.Building;

/// <summary>
/// A file or directory on disk and where it goes in the image. A directory's contents land under
/// <see cref="Destination"/>; a file lands at <see cref="Destination"/> itself, or inside it when it ends in '/'.
/// </summary>
/// <param name="Mode">Overrides the mode of every file (directories keep 0755).</param>
/// <param name="Uid">Owner of every entry (default root).</param>
public sealed record LayerSource(string SourcePath, string Destination, UnixFileMode? Mode = null, int Uid = 0, int Gid = 0);
