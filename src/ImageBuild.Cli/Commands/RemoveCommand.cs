using System.CommandLine;
using ImageBuild.Errors;
using ImageBuild.References;
using ImageBuild.Registry.Remote;
using ImageBuild.Store.Maintenance;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>dotnet image rm</c> (alias <c>rmi</c>): untag and delete images with docker's rules; with <c>--remote</c>,
/// delete manifests in their registry instead.
/// </summary>
internal static class RemoveCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var images = new Argument<string[]>("IMAGE") { Description = "Image references or IDs", Arity = ArgumentArity.OneOrMore };
        var force = new Option<bool>("--force", "-f") { Description = "Remove an image referenced in several repositories; unknown images are not an error" };
        var noPrune = new Option<bool>("--no-prune") { Description = "Keep untagged images (as dangling) instead of deleting them" };
        var remote = new Option<bool>("--remote")
        {
            Description = "Delete each image's manifest in its registry (the registry drops every tag of that manifest); the local store is not touched",
        };
        var command = new Command("rm", "Remove one or more images") { images, force, noPrune, remote };
        command.Aliases.Add("rmi");
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            if (context.GetValue(remote))
            {
                if (context.GetValue(noPrune))
                {
                    throw new InvalidInputException("--no-prune applies to the local store, not to --remote: drop one of them");
                }

                return await RemoveRemoteAsync(context, context.GetValue(images)!, context.GetValue(force), cancellationToken);
            }

            var store = await context.OpenStoreAsync(cancellationToken);
            var result = await ImageRemover.RemoveAsync(
                store, context.GetValue(images)!, context.GetValue(force), context.GetValue(noPrune), cancellationToken);
            foreach (var removal in result.Events)
            {
                await context.Out.WriteLineAsync(removal.ToString());
            }

            foreach (var error in result.Errors)
            {
                await context.Error.WriteLineAsync($"error: {error.Message}");
            }

            return result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        });
    }

    /// <summary>Deletes each reference's manifest by digest; one failure does not stop the rest. With --force a missing tag is not an error.</summary>
    private static async Task<int> RemoveRemoteAsync(CommandContext context, IReadOnlyList<string> names, bool force, CancellationToken cancellationToken)
    {
        // Every name is checked before anything is deleted, so a typo deletes nothing.
        var references = names.Select(ImageReference.ParseNormalized).ToList();
        using var registries = context.OpenRegistries();
        var failed = false;
        foreach (var reference in references)
        {
            try
            {
                var deleted = await RemoteManifests.DeleteAsync(registries.ClientFor(reference), reference, cancellationToken);
                await context.Out.WriteLineAsync($"Deleted: {deleted.FamiliarString}");
            }
            catch (NotFoundException) when (force)
            {
                // As with docker rm -f, a name that is not there is no error.
            }
            catch (ImageBuildException ex) when (ex is not InvalidInputException)
            {
                await context.Error.WriteLineAsync($"error: {ex.Message}");
                failed = true;
            }
        }

        return failed ? ExitCodes.Failure : ExitCodes.Success;
    }
}
