using System.CommandLine;
using ImageBuild.Cli.Rendering;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Registry.Remote;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image manifest inspect REF [-v]</c>: a manifest or index straight from its registry, as docker shows it.</summary>
internal static class ManifestCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var reference = new Argument<string>("REF") { Description = "Image in a registry, such as localhost:5000/app:1.0 or localhost:5000/app@sha256:..." };
        var verbose = new Option<bool>("-v")
        {
            Description = "Output additional info including platform and the manifest of every platform of an index (the global --verbose does this too)",
        };
        var inspect = new Command("inspect", "Display an image manifest, or manifest list, from a registry") { reference, verbose };
        inspect.WithAction(globals, async (context, cancellationToken) =>
        {
            var image = ImageReference.ParseNormalized(context.GetValue(reference)!);
            using var registries = context.OpenRegistries();
            var client = registries.ClientFor(image);
            var root = await client.GetManifestAsync(image.Repository, image.TagOrDigest, cancellationToken);

            // docker's -v is also spelled --verbose, which is this tool's global option; both give the verbose form.
            if (!context.GetValue(verbose) && !context.Verbose)
            {
                await context.Out.WriteLineAsync(MediaTypes.IsIndex(root.MediaType)
                    ? ManifestInspectJson.PlainIndex(OciJson.ParseIndex(root.Bytes))
                    : ManifestInspectJson.Plain(root.Bytes));
                return ExitCodes.Success;
            }

            var manifests = await ManifestInspector.InspectAsync(client, image, root, cancellationToken);
            await context.Out.WriteLineAsync(ManifestInspectJson.Verbose(manifests, MediaTypes.IsIndex(root.MediaType)));
            return ExitCodes.Success;
        });
        return new Command("manifest", "Create, push and inspect multi-platform indexes") {
            inspect,
            ManifestCreateCommand.Create(globals),
            PushCommand.Create(globals, "push", "Push a multi-platform index made with 'manifest create', with its images, to its registry"),
        };
    }
}
