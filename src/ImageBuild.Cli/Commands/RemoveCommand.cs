using System.CommandLine;
using ImageBuild.Store.Maintenance;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image rm</c> (alias <c>rmi</c>): untag and delete images with docker's rules.</summary>
public static class RemoveCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var images = new Argument<string[]>("IMAGE") { Description = "Image references or IDs", Arity = ArgumentArity.OneOrMore };
        var force = new Option<bool>("--force", "-f") { Description = "Remove an image referenced in several repositories; unknown images are not an error" };
        var noPrune = new Option<bool>("--no-prune") { Description = "Keep untagged images (as dangling) instead of deleting them" };
        var command = new Command("rm", "Remove one or more images") { images, force, noPrune };
        command.Aliases.Add("rmi");
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
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
}
