using System.CommandLine;
using ImageBuild.References;
using ImageBuild.Registry.Remote;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image digest REF</c>: the digest a tag points to in its registry, from a HEAD request, and nothing else.</summary>
internal static class DigestCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var reference = new Argument<string>("REF") { Description = "Image in a registry, such as localhost:5000/app:1.0" };
        var command = new Command("digest", "Print the digest of an image in a registry without downloading it") { reference };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var image = ImageReference.ParseNormalized(context.GetValue(reference)!);
            using var registries = context.OpenRegistries();
            var descriptor = await RemoteManifests.ResolveAsync(registries.ClientFor(image), image, cancellationToken);
            await context.Out.WriteLineAsync(descriptor.Digest.ToString());
            return ExitCodes.Success;
        });
    }
}
