using ImageBuild.Errors;
using ImageBuild.References;

namespace ImageBuild.Store.Queries;

/// <summary>
/// The <c>--filter</c> of <c>image ls</c>, parsed. Labels are ANDed, reference patterns ORed; of several
/// <c>before</c>, <c>since</c> or <c>until</c> values the last counts (every one must still resolve), as in docker.
/// </summary>
public sealed record ImageFilter
{
    public static IReadOnlyList<string> ValidKeys { get; } = ["before", "dangling", "label", "reference", "since", "until"];

    public static ImageFilter Empty { get; } = new();

    /// <summary>True: only dangling images; false: only tagged ones; null: both (dangling ones still need -a).</summary>
    public bool? Dangling { get; init; }

    public IReadOnlyList<string> Before { get; init; } = [];

    public IReadOnlyList<string> Since { get; init; } = [];

    public IReadOnlyList<LabelCondition> Labels { get; init; } = [];

    public IReadOnlyList<GlobPattern> References { get; init; } = [];

    public IReadOnlyList<FilterTime> Until { get; init; } = [];

    /// <summary>Parses <c>key=value</c> arguments; throws <see cref="InvalidInputException"/> naming a bad one.</summary>
    public static ImageFilter Parse(IEnumerable<string> filters)
    {
        var args = FilterArgs.Parse(filters, ValidKeys);
        string Values(string key) => string.Join(",", args.Where(a => a.Key == key).Select(a => a.Value));
        IReadOnlyList<string> All(string key) => args.Where(a => a.Key == key).Select(a => a.Value).ToList();
        return new ImageFilter
        {
            Dangling = ParseDangling(All("dangling"), Values("dangling")),
            Before = All("before"),
            Since = All("since"),
            Labels = All("label").Select(v => LabelCondition.Parse(v)).ToList(),
            References = All("reference").Select(GlobPattern.Parse).ToList(),
            Until = All("until").Select(v => FilterTime.Parse(v)).ToList(),
        };
    }

    private static bool? ParseDangling(IReadOnlyList<string> values, string joined)
    {
        var distinct = values.Select(v => v.ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw new InvalidInputException($"invalid filter 'dangling={joined}': expected dangling=true or dangling=false"),
        }).Distinct().ToList();
        return distinct.Count switch
        {
            0 => null,
            1 => distinct[0],
            _ => throw new InvalidInputException($"invalid filter 'dangling={joined}': give dangling=true or dangling=false, not both"),
        };
    }
}
