using System.CommandLine;
using System.Text;
using ImageBuild.Cli.Rendering;
using ImageBuild.Cli.Rendering.Docker;
using ImageBuild.Errors;
using ImageBuild.Store.Queries;
using ImageBuild.Templates;
using ImageBuild.Templates.Functions;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>dotnet image inspect</c>: docker's JSON array of image details, or a template per image, with docker's exit
/// codes: 64 for a template that does not parse, 1 when an image is missing or a template fails on one.
/// </summary>
internal static class InspectCommand
{
    private const string JsonFormat = "json";

    public static Command Create(GlobalOptions globals)
    {
        var images = new Argument<string[]>("IMAGE") { Description = "Image references or IDs", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string?>("--format", "-f")
        {
            Description = "Format output: 'json' (compact), or a Go template such as '{{.Config.Env}}' or '{{json .RootFS.Layers}}' (written as docker takes it: \\t and \\n stay as typed)",
        };
        var platform = CommonOptions.Platform("For a multi-platform image, which platform's details to show");
        var command = new Command("inspect", "Display detailed information on one or more images") { images, format, platform };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var formatText = context.GetValue(format);
            GoTemplate? template = null;
            if (!string.IsNullOrEmpty(formatText) && formatText != JsonFormat)
            {
                try
                {
                    template = GoTemplate.Parse(formatText, DockerFunctions.Standard);
                }
                catch (TemplateParseException ex)
                {
                    await context.Error.WriteLineAsync($"error: template parsing error: {ex.Message}");
                    return ExitCodes.TemplateSyntax;
                }
            }

            var wantedPlatform = CommonOptions.ParsePlatform(context.GetValue(platform));
            var store = await context.OpenStoreAsync(cancellationToken);
            var views = new List<InspectView>();
            var errors = new List<string>();
            foreach (var name in context.GetValue(images)!)
            {
                try
                {
                    views.Add(InspectView.Create(await ImageInspector.InspectAsync(store, name, wantedPlatform, cancellationToken)));
                }
                catch (NotFoundException ex)
                {
                    // As docker does: report each missing image and still print the ones found.
                    errors.Add(ex.Message);
                }
            }

            await context.Out.WriteAsync(Render(views, formatText, template, errors));
            foreach (var error in errors)
            {
                await context.Error.WriteLineAsync($"error: {error}");
            }

            return errors.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
    }

    private static string Render(IReadOnlyList<InspectView> views, string? format, GoTemplate? template, List<string> errors)
    {
        if (template is null)
        {
            var array = "[" + string.Join(',', views.Select(v => v.Json)) + "]";
            return (format == JsonFormat ? array : GoJsonIndent.Indent(Encoding.UTF8.GetBytes(array), "    ")) + "\n";
        }

        var output = new StringBuilder();
        foreach (var view in views)
        {
            try
            {
                output.Append(view.Render(template)).Append('\n');
            }
            catch (TemplateExecutionException ex)
            {
                errors.Add($"template parsing error: {ex.Message}");
            }
        }

        // docker's template inspector prints an empty line when no image gave any output.
        return output.Length == 0 ? "\n" : output.ToString();
    }
}
