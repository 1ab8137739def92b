namespace ImageBuild.Store.Queries;

/// <summary>
/// One row of <c>image history</c>. The CLI's <c>--format</c> names map as docker's: ID = <see cref="Id"/>,
/// CreatedSince and CreatedAt from <see cref="Created"/>, CreatedBy, Size, Comment.
/// </summary>
/// <param name="Id">The image ID on the newest row, <c>&lt;missing&gt;</c> on the others (as docker shows pulled images).</param>
/// <param name="Created">The step's time; null when the config does not say.</param>
/// <param name="Size">Bytes of the step's compressed layer; 0 for a step that made no layer.</param>
/// <param name="Tags">The image's tags (familiar form) on the newest row, empty on the others.</param>
public sealed record ImageHistoryRow(string Id, DateTimeOffset? Created, string CreatedBy, long Size, string Comment, IReadOnlyList<string> Tags)
{
    public const string Missing = "<missing>";
}
