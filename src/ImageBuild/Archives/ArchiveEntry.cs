namespace ImageBuild.Archives;

/// <summary>Where a regular file's bytes sit inside an uncompressed tar.</summary>
internal sealed record ArchiveEntry(string Name, long DataOffset, long Length);
