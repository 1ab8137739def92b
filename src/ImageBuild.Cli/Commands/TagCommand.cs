using System.CommandLine;
using ImageBuild.Errors;
using ImageBuild.References;
using ImageBuild.Store.Queries;
using ImageBuild.Transfers;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>dotnet image tag SOURCE TARGET...</c>: many names for one stored image at once. When SOURCE is not in the
/// store but names a registry explicitly (or with --remote), the tags are made in the registry without pulling:
/// the manifest is fetched once and put under each target, blobs mounted or copied only for other repositories.
/// </summary>
internal static class TagCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var source = new Argument<string>("SOURCE") { Description = "Image reference or ID" };
        var targets = new Argument<string[]>("TARGET") { Description = "New names (a missing tag means :latest)", Arity = ArgumentArity.OneOrMore };
        var remote = new Option<bool>("--remote") { Description = "Tag in the registry: SOURCE and TARGETs are registry references; nothing is pulled" };
        var jobs = CommonOptions.Jobs();
        var command = new Command("tag", "Create tags that refer to an image") { source, targets, remote, jobs };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            // Every target is checked before any is written, so a bad one leaves no partial set of tags.
            var names = context.GetValue(targets)!.Select(ParseTarget).ToList();
            var sourceText = context.GetValue(source)!;
            if (context.GetValue(remote))
            {
                return await TagRemoteAsync(context, ImageReference.Parse(sourceText), names, context.GetValue(jobs), cancellationToken);
            }

            var store = await context.OpenStoreAsync(cancellationToken);
            ResolvedImage image;
            try
            {
                image = await ImageResolver.ResolveAsync(store, sourceText, cancellationToken);
            }
            catch (NotFoundException) when (NamesRegistry(sourceText, out var reference))
            {
                return await TagRemoteAsync(context, reference, names, context.GetValue(jobs), cancellationToken);
            }

            foreach (var name in names)
            {
                await store.TagAsync(name.ToString(), image.Descriptor, cancellationToken);
            }

            return ExitCodes.Success;
        });
    }

    private static async Task<int> TagRemoteAsync(
        CommandContext context, ImageReference source, IReadOnlyList<ImageReference> targets, int jobs, CancellationToken cancellationToken)
    {
        using var registries = context.OpenRegistries();
        var results = await new RemoteTagger(registries.ClientFor).TagAsync(source, targets, new TransferOptions { Parallelism = jobs }, cancellationToken);
        foreach (var result in results)
        {
            await context.StatusAsync($"{result.Target.FamiliarString}: digest: {result.Root.Digest} size: {result.Root.Size}");
        }

        return ExitCodes.Success;
    }

    /// <summary>A reference whose first component is a registry host (<c>host:port/app:1</c>), not a bare Docker Hub name or an ID.</summary>
    private static bool NamesRegistry(string text, out ImageReference reference)
    {
        var slash = text.IndexOf('/');
        if (slash > 0 && ImageReference.TryParse(text, out var parsed) && text[..slash] == parsed.Registry)
        {
            reference = parsed;
            return true;
        }

        reference = null!;
        return false;
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
