namespace ImageBuild.Store.Queries;

/// <summary>What <c>image ls</c> was asked for.</summary>
/// <param name="All">-a: show dangling (untagged) images too.</param>
/// <param name="Repository">
/// The optional REPOSITORY[:TAG] argument. As in docker it is one more <c>reference=</c> pattern, so it
/// may hold globs and is ORed with the filter's own reference patterns.
/// </param>
public sealed record ImageListOptions(bool All = false, string? Repository = null, ImageFilter? Filter = null);
