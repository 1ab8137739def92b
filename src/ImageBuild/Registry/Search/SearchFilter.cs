using System.Globalization;
using ImageBuild.Errors;

namespace ImageBuild.Registry.Search;

/// <summary>
/// <c>docker search --filter</c>: <c>stars=N</c> keeps repositories with at least N stars (the highest N wins when
/// given twice), <c>is-official=true|false</c>, and the deprecated <c>is-automated=true|false</c>, where true
/// finds nothing because Docker Hub no longer reports automated builds. Values are <c>true</c>, <c>false</c>,
/// <c>1</c> or <c>0</c>, as docker's filters read them.
/// </summary>
public sealed record SearchFilter
{
    private const string Stars = "stars";
    private const string Official = "is-official";
    private const string Automated = "is-automated";
    private const string ValidFilters = "valid filters are stars=N, is-official=true|false and is-automated=true|false";

    public static SearchFilter None { get; } = new();

    public int? MinimumStars { get; init; }

    public bool? IsOfficial { get; init; }

    public bool? IsAutomated { get; init; }

    public bool IsEmpty => MinimumStars is null && IsOfficial is null && IsAutomated is null;

    /// <summary>Reads <c>key=value</c> filters; throws <see cref="InvalidInputException"/> naming the bad one.</summary>
    public static SearchFilter Parse(IEnumerable<string> filters)
    {
        var filter = None;
        foreach (var text in filters)
        {
            var equals = text.IndexOf('=');
            if (equals <= 0)
            {
                throw new InvalidInputException($"bad format of filter '{text}' (expected name=value): {ValidFilters}");
            }

            var (key, value) = (text[..equals].Trim().ToLowerInvariant(), text[(equals + 1)..].Trim());
            filter = key switch
            {
                Stars => filter with { MinimumStars = Math.Max(filter.MinimumStars ?? int.MinValue, ParseStars(value)) },
                Official => filter with { IsOfficial = ParseBool(key, value, filter.IsOfficial) },
                Automated => filter with { IsAutomated = ParseBool(key, value, filter.IsAutomated) },
                _ => throw new InvalidInputException($"invalid filter '{text[..equals]}': {ValidFilters}"),
            };
        }

        return filter;
    }

    /// <summary>
    /// The results this filter keeps, in their order. As docker does, every result reports IsAutomated false,
    /// since Docker Hub's value for it is no longer meaningful.
    /// </summary>
    public IReadOnlyList<SearchResult> Apply(IEnumerable<SearchResult> results)
    {
        if (IsAutomated == true)
        {
            return [];
        }

        return results
            .Where(r => IsOfficial is not { } official || r.IsOfficial == official)
            .Where(r => MinimumStars is not { } stars || (r.StarCount ?? 0) >= stars)
            .Select(r => r with { IsAutomated = false })
            .ToList();
    }

    private static int ParseStars(string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var stars)
            ? stars
            : throw new InvalidInputException($"invalid filter 'stars={value}': give a whole number of stars, such as stars=10");

    private static bool ParseBool(string key, string value, bool? earlier)
    {
        bool parsed = value switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw new InvalidInputException($"invalid filter '{key}={value}': {key} takes true or false"),
        };
        if (earlier is { } previous && previous != parsed)
        {
            throw new InvalidInputException($"invalid filter '{key}': it is given as both true and false; keep one");
        }

        return parsed;
    }
}
