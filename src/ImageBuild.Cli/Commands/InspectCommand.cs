using System.CommandLine;
using ImageBuild.Cli.Rendering;
using ImageBuild.Errors;
using ImageBuild.Store.Queries;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image inspect</c>: docker's JSON array of image details, or a template per image.</summary>
internal static class InspectCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var images = new Argument<string[]>("IMAGE") { Description = "Image references or IDs", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string?>("--format", "-f") { Description = "Format output with a Go template, e.g. '{{.Config.Env}}' or '{{json .RootFS.Layers}}'" };
        var platform = CommonOptions.Platform("For a multi-platform image, which platform's details to show");
        var command = new Command("inspect", "Display detailed information on one or more images") { images, format, platform };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var template = context.GetValue(format) is { Length: > 0 } text
                ? GoTemplate.Parse(text.Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal))
                : null;
            var wantedPlatform = CommonOptions.ParsePlatform(context.GetValue(platform));
            var store = await context.OpenStoreAsync(cancellationToken);
            var found = new List<ImageInspect>();
            var failed = false;
            foreach (var name in context.GetValue(images)!)
            {
                try
                {
                    found.Add(await ImageInspector.InspectAsync(store, name, wantedPlatform, cancellationToken));
                }
                catch (NotFoundException ex)
                {
                    // As docker does: report each missing image and still print the ones found.
                    await context.Error.WriteLineAsync($"error: {ex.Message}");
                    failed = true;
                }
            }

            if (template is null)
            {
                await context.Out.WriteLineAsync(ImageInspector.ToJson(found));
            }
            else
            {
                foreach (var inspect in found)
                {
                    await context.Out.WriteLineAsync(template.Execute(ImageInspector.ToJsonNode(inspect)));
                }
            }

            return failed ? ExitCodes.Failure : ExitCodes.Success;
        });
    }
}
