using System.CommandLine;
using ImageBuild.Archives;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Store.Queries;
using ImageBuild.Transfers;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image save</c>: images into an oci-archive or docker-archive, like <c>docker save</c>.</summary>
internal static class SaveCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var images = new Argument<string[]>("IMAGE") { Description = "Image references or IDs", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var format = new Option<ArchiveFormat>("--format") { Description = "Archive format: oci (OCI layout in a tar) or docker (docker load's format)", DefaultValueFactory = _ => ArchiveFormat.Oci };
        var platform = CommonOptions.Platform("For the docker format, which platform of a multi-platform image to save");
        var command = new Command("save", "Save images to a tar archive") { images, output, format, platform };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var store = await context.OpenStoreAsync(cancellationToken);
            var selection = new List<(Descriptor Root, List<ImageReference> Names)>();
            foreach (var text in context.GetValue(images)!)
            {
                var resolved = await ImageResolver.ResolveAsync(store, text, cancellationToken);
                var entry = selection.FindIndex(s => s.Root.Digest == resolved.Image.Digest);
                if (entry < 0)
                {
                    selection.Add((resolved.Image.Descriptor, []));
                    entry = selection.Count - 1;
                }

                // As docker save does: a name given by reference is recorded; an image given by ID goes in untagged.
                if (resolved.Tag?.Reference is { } reference && !selection[entry].Names.Contains(reference))
                {
                    selection[entry].Names.Add(reference);
                }
            }

            var saver = new ImageSaver(store);
            var archiveImages = selection.Select(s => new NamedImage(s.Root, s.Names)).ToList();
            await OutputFile.WriteAsync(
                context.GetValue(output),
                (stream, ct) => saver.SaveAsync(archiveImages, stream, context.GetValue(format), CommonOptions.ParsePlatform(context.GetValue(platform)), ct),
                cancellationToken);
            return ExitCodes.Success;
        });
    }
}
