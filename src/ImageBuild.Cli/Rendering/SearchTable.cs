using System.Globalization;
using System.Text.RegularExpressions;
using ImageBuild.Cli.Rendering.Docker;
using ImageBuild.Registry.Search;
using ImageBuild.Templates.Values;

namespace ImageBuild.Cli.Rendering;

/// <summary>
/// <c>dotnet image search</c>'s output as docker's search formatter writes it: NAME, DESCRIPTION (one line, cut to
/// 45 columns unless --no-trunc), STARS and OFFICIAL (<c>[OK]</c>). Under <c>json</c> the flags are
/// <c>"true"</c>/<c>"false"</c> and IsAutomated is left out, as the current docker CLI prints them.
/// </summary>
internal static partial class SearchTable
{
    /// <summary>Writes the results; <paramref name="format"/> is the user's --format or null for the table.</summary>
    public static void Write(IEnumerable<SearchResult> results, string? format, bool truncate, TextWriter output)
    {
        var listFormat = ListFormat.Parse(format, DefaultTableFormats.Search);
        var json = IsJsonFormat(format);
        listFormat.Write(results.Select(r => ToRow(r, truncate, json)), ColumnHeaders.Search, output);
    }

    /// <summary>One result's template fields; keys in sorted order, as docker's JSON of a format context has them.</summary>
    public static GoValue ToRow(SearchResult result, bool truncate, bool json)
    {
        var description = (result.Description ?? string.Empty).Replace('\n', ' ').Replace('\r', ' ');
        description = truncate ? Ellipsis.Truncate(description, Ellipsis.HistoryAndSearchWidth) : description;
        var stars = result.StarCount?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        return json
            ? FormatterContexts.SearchJson.Row(description, Flag(result.IsOfficial, json), result.Name, stars)
            : FormatterContexts.Search.Row(description, Flag(result.IsAutomated, json), Flag(result.IsOfficial, json), result.Name, stars);
    }

    /// <summary>True when the format prints rows as JSON (<c>json</c> or <c>{{json .}}</c>), where docker spells flags as true/false.</summary>
    public static bool IsJsonFormat(string? format) =>
        format is not null && (format.Trim() == "json" || JsonOfRow().IsMatch(format));

    private static string Flag(bool value, bool json) => (value, json) switch
    {
        (true, true) => "true",
        (false, true) => "false",
        (true, false) => "[OK]",
        _ => string.Empty,
    };

    [GeneratedRegex(@"\{\{-?\s*json\s+\.\s*-?\}\}")]
    private static partial Regex JsonOfRow();
}
