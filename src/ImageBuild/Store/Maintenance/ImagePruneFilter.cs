using ImageBuild.Store.Queries;

namespace ImageBuild.Store.Maintenance;

/// <summary>
/// The <c>--filter</c> of <c>image prune</c>: <c>until=</c> (created before), <c>label=</c> (all must match) and
/// <c>label!=</c> (none may match). Of several <c>until</c> values the last counts.
/// </summary>
public sealed record ImagePruneFilter
{
    public static IReadOnlyList<string> ValidKeys { get; } = ["label", "label!", "until"];

    public static ImagePruneFilter Empty { get; } = new();

    public IReadOnlyList<LabelCondition> Labels { get; init; } = [];

    public IReadOnlyList<LabelCondition> NotLabels { get; init; } = [];

    public IReadOnlyList<FilterTime> Until { get; init; } = [];

    public static ImagePruneFilter Parse(IEnumerable<string> filters)
    {
        var args = FilterArgs.Parse(filters, ValidKeys);
        IEnumerable<string> All(string key) => args.Where(a => a.Key == key).Select(a => a.Value);
        return new ImagePruneFilter
        {
            Labels = All("label").Select(v => LabelCondition.Parse(v)).ToList(),
            NotLabels = All("label!").Select(v => LabelCondition.Parse(v, "label!")).ToList(),
            Until = All("until").Select(v => FilterTime.Parse(v)).ToList(),
        };
    }

    public bool Matches(StoreImage image, DateTimeOffset now)
    {
        if (Until.Count > 0 && (image.Created ?? DateTimeOffset.MinValue) > Until[^1].Resolve(now))
        {
            return false;
        }

        return Labels.All(l => l.Matches(image.Labels)) && !NotLabels.Any(l => l.Matches(image.Labels));
    }
}
