using ImageBuild.Errors;
using NuGet.Versioning;

namespace ImageBuild.Building;

/// <summary>
/// Expands a semantic version into the tags a release gets: <c>1.4.2</c> gives 1.4.2, 1.4, 1 and latest;
/// a prerelease (<c>2.0.0-rc.1</c>) gets only its full tag, so it never moves a stable tag.
/// </summary>
public static class SemverTags
{
    public static IReadOnlyList<string> Expand(string version, bool includeLatest = true)
    {
        if (!SemanticVersion.TryParse(version.Trim().TrimStart('v'), out var parsed))
        {
            throw new InvalidInputException($"--semver-tags \"{version}\" is not a semantic version: use MAJOR.MINOR.PATCH, for example 1.4.2 or 2.0.0-rc.1");
        }

        // A tag may not hold '+': build metadata is dropped, as Docker tooling does.
        var full = parsed.ToNormalizedString();
        if (parsed.IsPrerelease)
        {
            return [full];
        }

        var tags = new List<string> { full, $"{parsed.Major}.{parsed.Minor}", $"{parsed.Major}" };
        if (includeLatest)
        {
            tags.Add("latest");
        }

        return tags;
    }

    /// <summary>Every name of <paramref name="repositories"/> (tags dropped) with every expanded tag.</summary>
    public static IReadOnlyList<string> Apply(IEnumerable<References.ImageReference> repositories, string version) =>
        repositories.SelectMany(r => Expand(version).Select(tag => r.WithoutTagOrDigest().WithTag(tag).ToString())).Distinct().ToList();
}
