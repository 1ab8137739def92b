using System.CommandLine;
using ImageBuild.Cli.Rendering;
using ImageBuild.Store.Maintenance;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>dotnet image cache prune</c>, as <c>docker builder prune</c>: forgets the layer cache and deletes the cached
/// layers no image uses; the next build of those layers tars and compresses them again.
/// </summary>
internal static class CacheCommand
{
    public static Command Create(GlobalOptions globals) =>
        new("cache", "Manage the layer cache that builds reuse unchanged layers from") { Prune(globals) };

    private static Command Prune(GlobalOptions globals)
    {
        var force = new Option<bool>("--force", "-f") { Description = "Do not prompt for confirmation" };
        var command = new Command("prune", "Remove the layer cache and the cached layers no image uses") { force };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            if (!context.GetValue(force) && !await Confirmation.AskAsync(context, "WARNING! This will remove all build cache.", cancellationToken))
            {
                return ExitCodes.Success;
            }

            var store = await context.OpenStoreAsync(cancellationToken);
            var result = await LayerCachePruner.PruneAsync(store, cancellationToken);
            if (result.BlobsRemoved.Count > 0)
            {
                await context.Out.WriteLineAsync("Deleted build cache objects:");
                foreach (var blob in result.BlobsRemoved)
                {
                    await context.Out.WriteLineAsync(blob.ToString());
                }

                await context.Out.WriteLineAsync();
            }

            await context.Out.WriteLineAsync($"Total reclaimed space: {HumanSize.Format(result.SpaceReclaimed)}");
            return ExitCodes.Success;
        });
    }
}
