namespace ImageBuild.Store.Queries;

/// <summary>What <c>image ls</c> was asked for.</summary>
/// <param name="All">-a: docker adds intermediate images, which this store does not have; dangling images are listed anyway.</param>
/// <param name="Repository">
/// The optional REPOSITORY[:TAG] argument. As in docker it is one more <c>reference=</c> pattern, so it
/// may hold globs and is ORed with the filter's own reference patterns.
/// </param>
/// <param name="Digests">--digests: a row per tag and digest of its repository.</param>
public sealed record ImageListOptions(bool All = false, string? Repository = null, ImageFilter? Filter = null, bool Digests = false);
