namespace ImageBuild.Layers;

/// <summary>A tar header to write and, for files, where its content comes from (its size is read when opened).</summary>
internal readonly record struct PlannedTarEntry(TarHeader Header, string? SourcePath);
