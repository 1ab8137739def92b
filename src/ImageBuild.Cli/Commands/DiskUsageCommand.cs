using System.CommandLine;
using ImageBuild.Cli.Rendering;
using ImageBuild.Cli.Rendering.Docker;
using ImageBuild.Store.Queries;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image system df</c> (also <c>dotnet image df</c>): how much space images take and share.</summary>
public static class DiskUsageCommand
{
    private const string VerboseImagesFormat = "table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}\\t{{.SharedSize}}\\t{{.UniqueSize}}\\t{{.Containers}}";

    public static Command Create(GlobalOptions globals, string name)
    {
        // docker's -v; the global --verbose means the same here, so both spellings work.
        var verbose = new Option<bool>("-v") { Description = "Show space usage per image (same as --verbose)" };
        var format = new Option<string?>("--format") { Description = "Format output: 'table', 'table TEMPLATE', 'json', or a Go template" };
        var command = new Command(name, "Show disk usage of the image store") { verbose, format };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var store = await context.OpenStoreAsync(cancellationToken);
            var report = await DiskUsage.ComputeAsync(store, cancellationToken);
            if (!context.GetValue(verbose) && !context.Verbose)
            {
                var summary = FormatterContexts.DiskUsageImages.Row(
                    report.ActiveImages.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    HumanSize.FormatReclaimable(report.ReclaimableSize, report.TotalSize),
                    HumanSize.Format(report.TotalSize, 4),
                    report.Images.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "Images");
                ListFormat.Parse(context.GetValue(format), DefaultTableFormats.DiskUsage).Write([summary], ColumnHeaders.DiskUsage, context.Out);
                return ExitCodes.Success;
            }

            await context.Out.WriteLineAsync("Images space usage:");
            await context.Out.WriteLineAsync();
            var now = DateTimeOffset.UtcNow;
            var rows = report.Rows.Select(r => FormatterContexts.Image.Row(
                r.Containers.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DisplayFields.CreatedAt(r.Created),
                DisplayFields.CreatedSince(r.Created, now),
                string.Empty,
                DisplayFields.Id(r.ImageId, noTrunc: false),
                r.Repository,
                HumanSize.Format(r.SharedSize, 4),
                HumanSize.Format(r.Size),
                r.Tag,
                HumanSize.Format(r.UniqueSize, 4),
                HumanSize.Format(r.Size, 4)));
            ListFormat.Parse(context.GetValue(format), VerboseImagesFormat).Write(rows, ColumnHeaders.Images, context.Out);
            await context.Out.WriteLineAsync();
            await context.Out.WriteLineAsync($"Total: {HumanSize.Format(report.TotalSize, 4)}, shared: {HumanSize.Format(report.SharedSize, 4)}, reclaimable: {HumanSize.Format(report.ReclaimableSize, 4)}");
            return ExitCodes.Success;
        });
    }
}
