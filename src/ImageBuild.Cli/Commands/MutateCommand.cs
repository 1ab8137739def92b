using System.CommandLine;
using ImageBuild.Building;
using ImageBuild.Errors;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image mutate</c>: config changes only, no new layer, like crane mutate.</summary>
internal static class MutateCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var image = new Argument<string>("IMAGE") { Description = "The image to change: a store image or oci:DIR[:REF]" };
        var options = new BuildOptions();
        var command = new Command("mutate", "Change an image's config (entrypoint, env, labels, ...) without adding a layer") { image };
        options.AddTo(command);
        return command.WithAction(globals, (context, cancellationToken) =>
        {
            var source = context.GetValue(image)!;
            var changes = options.Changes(context);
            var annotations = options.AnnotationMap(context);
            if (changes.Count == 0 && annotations.Count == 0)
            {
                throw new InvalidInputException("nothing to change: give --env, --entrypoint, --cmd, --label, --port, --user, --workdir or --annotation");
            }

            // Without -t the new image takes the name it was given by, as crane mutate does.
            var fallback = References.ImageReference.TryParse(source, out var reference) && reference.Digest is null && !source.StartsWith("oci:", StringComparison.Ordinal)
                ? new[] { source }
                : [];
            var plan = new BuildPlan
            {
                Base = source,
                Changes = changes,
                Annotations = annotations,
                Tags = options.TagList(context, fallback),
                Outputs = options.OutputList(context),
                Format = context.GetValue(options.Format),
                Created = options.CreatedTime(context),
                CreatedByPrefix = "dotnet image mutate",
            };
            return BuildCommand.RunAsync(context, options, plan, cancellationToken);
        });
    }
}
