using System.CommandLine;
using ImageBuild.Errors;
using ImageBuild.References;
using ImageBuild.Store.Queries;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image tag SOURCE TARGET...</c>: many names for one stored image at once.</summary>
public static class TagCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var source = new Argument<string>("SOURCE") { Description = "Image reference or ID" };
        var targets = new Argument<string[]>("TARGET") { Description = "New names (a missing tag means :latest)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("tag", "Create tags that refer to an image") { source, targets };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            // Every target is checked before any is written, so a bad one leaves no partial set of tags.
            var names = context.GetValue(targets)!.Select(ParseTarget).ToList();
            var store = await context.OpenStoreAsync(cancellationToken);
            var image = await ImageResolver.ResolveAsync(store, context.GetValue(source)!, cancellationToken);
            foreach (var name in names)
            {
                await store.TagAsync(name.ToString(), image.Image.Descriptor, cancellationToken);
            }

            return ExitCodes.Success;
        });
    }

    private static ImageReference ParseTarget(string text)
    {
        var reference = ImageReference.Parse(text);
        if (reference.Digest is not null)
        {
            throw new InvalidInputException($"refusing to create a tag with a digest reference: {text}; give a name and tag such as {reference.FamiliarName}:1.0");
        }

        return reference.WithDefaultTag();
    }
}
