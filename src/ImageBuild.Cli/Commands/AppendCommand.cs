using System.CommandLine;
using ImageBuild.Building;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image append</c>: tarballs or root filesystem folders as new layers on an image, like crane append.</summary>
internal static class AppendCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var baseImage = new Argument<string>("BASE") { Description = "The image to append to: a store image, oci:DIR[:REF], or scratch" };
        var layers = new Option<string[]>("--layer") { Description = "A tar (plain or compressed) or a folder whose contents land at / (repeatable)", Required = true };
        var compression = CommonOptions.Compression();
        var options = new BuildOptions();
        var command = new Command("append", "Append tarballs or folders as layers to an image") { baseImage, layers, compression };
        options.AddTo(command);
        return command.WithAction(globals, (context, cancellationToken) =>
        {
            var specs = (context.GetValue(layers) ?? []).Select(path => Directory.Exists(path)
                ? LayerSpec.FromDirectory(BuildCommand.NameOf(path), path, "/")
                : LayerSpec.FromTar(BuildCommand.NameOf(path), path)).ToList();
            var plan = new BuildPlan
            {
                Base = context.GetValue(baseImage)!,
                Layers = specs,
                Changes = options.Changes(context),
                Annotations = options.AnnotationMap(context),
                Tags = options.TagList(context),
                Outputs = options.OutputList(context),
                Format = context.GetValue(options.Format),
                Compression = context.GetValue(compression),
                Created = options.CreatedTime(context),
                LayerTimestamp = BuildOptions.LayerTimestamp(),
                CreatedByPrefix = "dotnet image append",
            };
            return BuildCommand.RunAsync(context, options, plan, cancellationToken);
        });
    }
}
