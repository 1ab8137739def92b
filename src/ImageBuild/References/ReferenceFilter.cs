namespace ImageBuild.References;

/// <summary>
/// The <c>reference=PATTERN</c> filter of <c>image ls</c>, docker's reference.FamiliarMatch: the pattern is tried
/// on the familiar string (<c>alpine:3.20</c>) and then on the familiar name (<c>alpine</c>), never on the fully
/// qualified forms, so <c>docker.io/library/alpine</c> matches nothing, as in docker. Because '*' never crosses '/',
/// <c>*:latest</c> matches <c>alpine:latest</c> but not <c>localhost:5000/x:latest</c>.
/// </summary>
public static class ReferenceFilter
{
    /// <summary>Throws <see cref="Errors.InvalidInputException"/> when the pattern is malformed.</summary>
    public static bool Matches(string pattern, ImageReference reference) =>
        Matches(GlobPattern.Parse(pattern), reference);

    public static bool Matches(GlobPattern pattern, ImageReference reference) =>
        pattern.IsMatch(reference.FamiliarString) || pattern.IsMatch(reference.FamiliarName);

    /// <summary>Several <c>reference=</c> filters are ORed, as docker does.</summary>
    public static bool MatchesAny(IEnumerable<GlobPattern> patterns, ImageReference reference) =>
        patterns.Any(pattern => Matches(pattern, reference));
}
