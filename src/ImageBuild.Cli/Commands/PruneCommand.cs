using System.CommandLine;
using ImageBuild.Cli.Rendering;
using ImageBuild.Store.Maintenance;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>dotnet image prune</c>: removes images without a tag (with -a, every image: docker keeps only images containers
/// use, and there are no containers here), after asking as docker asks unless -f.
/// </summary>
internal static class PruneCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var all = new Option<bool>("--all", "-a") { Description = "Remove all images, tagged or not (docker: all images no container uses)" };
        var filter = new Option<string[]>("--filter") { Description = "Filter: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]" };
        var force = new Option<bool>("--force", "-f") { Description = "Do not prompt for confirmation" };
        var command = new Command("prune", "Remove unused images") { all, filter, force };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var pruneFilter = ImagePruneFilter.Parse(context.GetValue(filter) ?? []);
            var warning = context.GetValue(all)
                ? "WARNING! This will remove all images without at least one container associated to them."
                : "WARNING! This will remove all dangling images.";
            if (!context.GetValue(force) && !await Confirmation.AskAsync(context, warning, cancellationToken))
            {
                return ExitCodes.Success;
            }

            var store = await context.OpenStoreAsync(cancellationToken);
            var result = await ImagePruner.PruneAsync(store, context.GetValue(all), pruneFilter, cancellationToken);
            if (result.Events.Count > 0)
            {
                await context.Out.WriteLineAsync("Deleted Images:");
                foreach (var removal in result.Events)
                {
                    // docker's prune report spells the actions in lower case.
                    await context.Out.WriteLineAsync($"{removal.Action.ToString().ToLowerInvariant()}: {removal.Subject}");
                }

                await context.Out.WriteLineAsync();
            }

            await context.Out.WriteLineAsync($"Total reclaimed space: {HumanSize.Format(result.SpaceReclaimed)}");
            return ExitCodes.Success;
        });
    }
}
