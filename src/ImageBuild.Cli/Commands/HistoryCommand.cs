using System.CommandLine;
using ImageBuild.Cli.Rendering;
using ImageBuild.Cli.Rendering.Docker;
using ImageBuild.Store.Queries;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image history</c>: an image's steps, newest first, as <c>docker image history</c> shows them.</summary>
internal static class HistoryCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var image = new Argument<string>("IMAGE") { Description = "Image reference or ID" };
        var human = new Option<bool>("--human", "-H") { Description = "Print sizes and dates in human readable format", DefaultValueFactory = _ => true };
        var noTrunc = new Option<bool>("--no-trunc") { Description = "Don't truncate output" };
        var format = new Option<string?>("--format") { Description = "Format output: 'table', 'table TEMPLATE', 'json', or a Go template" };
        var platform = CommonOptions.Platform("For a multi-platform image, which platform's history to show");
        var command = new Command("history", "Show the history of an image") { image, human, noTrunc, format, platform };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var isHuman = context.GetValue(human);
            var defaultFormat = context.Quiet ? DefaultTableFormats.Quiet : isHuman ? DefaultTableFormats.History : DefaultTableFormats.HistoryNotHuman;
            var listFormat = ListFormat.Parse(context.Quiet ? null : context.GetValue(format), defaultFormat);
            var store = await context.OpenStoreAsync(cancellationToken);
            var rows = await ImageHistory.GetAsync(store, context.GetValue(image)!, CommonOptions.ParsePlatform(context.GetValue(platform)), cancellationToken);
            var now = DateTimeOffset.UtcNow;
            var noTruncValue = context.GetValue(noTrunc);
            listFormat.Write(rows.Select(r => ToRow(r, isHuman, noTruncValue, now)), ColumnHeaders.History, context.Out);
            return ExitCodes.Success;
        });
    }

    private static Templates.Values.GoValue ToRow(ImageHistoryRow row, bool human, bool noTrunc, DateTimeOffset now)
    {
        var createdBy = row.CreatedBy.Replace('\t', ' ');
        var id = row.Id;
        if (!noTrunc && id.StartsWith("sha256:", StringComparison.Ordinal))
        {
            id = id["sha256:".Length..][..12];
        }

        return FormatterContexts.History.Row(
            row.Comment,
            row.Created is { } at ? DockerTime.FormatRfc3339(at) : DisplayFields.NotAvailable,
            noTrunc ? createdBy : Ellipsis.Truncate(createdBy, Ellipsis.HistoryAndSearchWidth),
            human ? DisplayFields.CreatedSince(row.Created, now) : row.Created is { } since ? DockerTime.FormatRfc3339(since) : DisplayFields.NotAvailable,
            id,
            human ? HumanSize.Format(row.Size) : row.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
