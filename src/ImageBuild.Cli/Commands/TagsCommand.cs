using System.CommandLine;
using ImageBuild.Errors;
using ImageBuild.References;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image tags REPO</c>: every tag of a repository in a registry, one per line, following the registry's pages.</summary>
internal static class TagsCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var repository = new Argument<string>("REPOSITORY") { Description = "Repository in a registry, such as localhost:5000/app" };
        var command = new Command("tags", "List the tags of a repository in a registry") { repository };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var text = context.GetValue(repository)!;
            var name = ImageReference.Parse(text);
            if (name.Tag is not null || name.Digest is not null)
            {
                throw new InvalidInputException($"\"{text}\" names an image, not a repository: give it without tag or digest, such as {name.FamiliarName}");
            }

            using var registries = context.OpenRegistries();
            await foreach (var tag in registries.ClientFor(name).ListTagsAsync(name.Repository, cancellationToken: cancellationToken))
            {
                await context.Out.WriteLineAsync(tag);
            }

            return ExitCodes.Success;
        });
    }
}
