namespace ImageBuild.References;

/// <summary>
/// A run of single-character terms, optionally preceded by '*'. Go's path.Match works chunk by chunk; keeping
/// the same split reproduces its results exactly, including where a star may not cross '/'.
/// </summary>
internal sealed record GlobChunk(bool StarBefore, IReadOnlyList<GlobTerm> Terms);
