using System.CommandLine;
using ImageBuild.Cli.Rendering;
using ImageBuild.Store.Maintenance;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image fsck</c>: verifies every blob and every image's completeness; --repair removes only what is broken.</summary>
internal static class CheckCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var repair = new Option<bool>("--repair") { Description = "Remove leftover temp files, corrupt blobs (listing the images to pull again), entries whose blobs are missing, and blobs nothing references" };
        var command = new Command("fsck", "Check the image store for corrupt or missing content") { repair };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var store = await context.OpenStoreAsync(cancellationToken);
            var problems = await StoreChecker.CheckAsync(store, cancellationToken);
            foreach (var problem in problems)
            {
                await context.Out.WriteLineAsync($"{(problem.IsWarning ? "warning" : "error")}: {problem.Message}");
            }

            if (!context.GetValue(repair))
            {
                if (problems.Count == 0)
                {
                    await context.StatusAsync($"{store.Layout.RootPath}: no problems found");
                }

                return problems.Any(p => !p.IsWarning) ? ExitCodes.Failure : ExitCodes.Success;
            }

            var repaired = await StoreChecker.RepairAsync(store, cancellationToken);
            foreach (var path in repaired.RemovedTempFiles)
            {
                await context.Out.WriteLineAsync($"removed temp file: {path}");
            }

            foreach (var entry in repaired.RemovedEntries)
            {
                await context.Out.WriteLineAsync($"removed broken entry: {entry.RefName ?? "<none>"} ({entry.Digest})");
            }

            foreach (var blob in repaired.RemovedBlobs)
            {
                await context.Out.WriteLineAsync($"removed corrupt blob: {blob}");
            }

            foreach (var blob in repaired.RemovedUnreferencedBlobs)
            {
                await context.Out.WriteLineAsync($"removed unreferenced blob: {blob}");
            }

            foreach (var image in repaired.NeedPull)
            {
                var name = image.RefNames.Count > 0 ? string.Join(", ", image.RefNames) : image.Digest.ToString();
                var how = image.RefNames.Count > 0 ? $"dotnet image pull {image.RefNames[0]}" : "pull or build it again";
                await context.Out.WriteLineAsync($"needs a re-pull: {name} (its corrupt blob {string.Join(", ", image.RemovedBlobs)} was removed): {how}");
            }

            await context.Out.WriteLineAsync($"Total reclaimed space: {HumanSize.Format(repaired.BytesFreed)}");
            var remaining = await StoreChecker.CheckAsync(store, cancellationToken);
            return remaining.Any(p => !p.IsWarning) ? ExitCodes.Failure : ExitCodes.Success;
        });
    }
}
