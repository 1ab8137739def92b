using System.CommandLine;
using ImageBuild.Archives;
using ImageBuild.Content;
using ImageBuild.Store.Queries;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image export</c>: the image's final filesystem as one tar (whiteouts applied).</summary>
internal static class ExportCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var image = new Argument<string>("IMAGE") { Description = "Image reference or ID" };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var platform = CommonOptions.Platform("For a multi-platform image, which platform to export");
        var command = new Command("export", "Export an image's flattened filesystem as a tar archive") { image, output, platform };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var store = await context.OpenStoreAsync(cancellationToken);
            var text = context.GetValue(image)!;
            var resolved = await ImageResolver.ResolveAsync(store, text, cancellationToken);
            var selected = await ManifestSelector.ResolveAsync(
                store.Layout, resolved.Image.Descriptor, CommonOptions.ParsePlatform(context.GetValue(platform)), text, cancellationToken);
            await OutputFile.WriteAsync(
                context.GetValue(output),
                (stream, ct) => RootfsExporter.ExportAsync(store.Layout, selected, stream, ct),
                cancellationToken);
            return ExitCodes.Success;
        });
    }
}
