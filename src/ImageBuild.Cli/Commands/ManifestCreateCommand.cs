using System.CommandLine;
using ImageBuild.Building;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image manifest create</c>: a multi-platform index made from images in the store.</summary>
internal static class ManifestCreateCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var name = new Argument<string>("INDEX") { Description = "Name and tag for the index, e.g. myapp:1.0" };
        var images = new Argument<string[]>("IMAGE") { Description = "Single-platform images in the store (their configs say the platform)", Arity = ArgumentArity.OneOrMore };
        var format = new Option<ImageFormat>("--format") { Description = "oci index or docker manifest list; auto picks docker when every image is a Docker manifest", DefaultValueFactory = _ => ImageFormat.Auto };
        var command = new Command("create", "Create an index from single-platform images, like docker manifest create") { name, images, format };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var store = await context.OpenStoreAsync(cancellationToken);
            var index = await new IndexAssembler(store).CreateAsync(context.GetValue(name)!, context.GetValue(images)!, context.GetValue(format), cancellationToken);
            await context.Out.WriteLineAsync(index.Digest.ToString());
            return ExitCodes.Success;
        });
    }
}
