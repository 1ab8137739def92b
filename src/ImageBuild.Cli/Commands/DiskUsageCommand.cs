using System.CommandLine;
using ImageBuild.Cli.Rendering;
using ImageBuild.Cli.Rendering.Docker;
using ImageBuild.Store.Queries;
using ImageBuild.Templates.Values;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>dotnet image system df</c> (also <c>dotnet image df</c>): how much space images take and share, what prune would
/// free, and the layer cache (docker's build cache).
/// </summary>
internal static class DiskUsageCommand
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

            // Blobs nothing references count with the images, whose prune removes them; the layer cache is docker's build cache.
            var imagesSize = report.TotalSize + report.Unreferenced.Size;
            var imagesReclaimable = report.ReclaimableSize + report.Unreferenced.Reclaimable;
            var cache = report.LayerCache;
            if (!context.GetValue(verbose) && !context.Verbose)
            {
                ListFormat.Parse(context.GetValue(format), DefaultTableFormats.DiskUsage).Write(
                    [
                        SummaryRow(FormatterContexts.DiskUsageImages, "Images", report.Images, report.ActiveImages, imagesSize, imagesReclaimable),
                        SummaryRow(FormatterContexts.DiskUsageBuildCache, "Build Cache", cache.Entries, cache.Active, cache.Size, cache.Reclaimable),
                    ],
                    ColumnHeaders.DiskUsage,
                    context.Out);
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
            await context.Out.WriteLineAsync($"Total: {HumanSize.Format(imagesSize, 4)}, shared: {HumanSize.Format(report.SharedSize, 4)}, reclaimable: {HumanSize.Format(imagesReclaimable, 4)}");
            await context.Out.WriteLineAsync(
                $"Unreferenced blobs: {report.Unreferenced.Blobs}, {HumanSize.Format(report.Unreferenced.Size, 4)} (prune removes the {HumanSize.Format(report.Unreferenced.Reclaimable, 4)} older than {report.Unreferenced.GracePeriod.TotalMinutes:0} minutes)");
            await context.Out.WriteLineAsync();
            await context.Out.WriteLineAsync(
                $"Build cache usage: {HumanSize.Format(cache.Size, 4)} ({cache.Entries} layers, {cache.Active} used by images; 'cache prune' frees {HumanSize.Format(cache.Reclaimable, 4)})");
            return ExitCodes.Success;
        });
    }

    private static GoValue SummaryRow(FormatterContext context, string type, int total, int active, long size, long reclaimable) => context.Row(
        active.ToString(System.Globalization.CultureInfo.InvariantCulture),
        HumanSize.FormatReclaimable(reclaimable, size),
        HumanSize.Format(size, 4),
        total.ToString(System.Globalization.CultureInfo.InvariantCulture),
        type);
}
