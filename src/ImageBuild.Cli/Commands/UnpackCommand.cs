using System.CommandLine;
using ImageBuild.Archives;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Store.Queries;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image unpack</c>: the image's final filesystem into a new directory.</summary>
internal static class UnpackCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var image = new Argument<string>("IMAGE") { Description = "Image reference or ID" };
        var directory = new Argument<string>("DIRECTORY") { Description = "Directory to create; it must not exist or be empty" };
        var platform = CommonOptions.Platform("For a multi-platform image, which platform to unpack");
        var preserveOwnership = new Option<bool>("--preserve-ownership")
        {
            Description = "Give files the layer's owners and keep set-user/group-ID bits (root only; default: yours, bits dropped)",
        };
        var devices = new Option<bool>("--devices") { Description = "Create character and block devices (root only; default: skipped)" };
        var command = new Command("unpack", "Unpack an image's filesystem into a directory") { image, directory, platform, preserveOwnership, devices };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var target = Path.GetFullPath(context.GetValue(directory)!);
            if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
            {
                throw new InvalidInputException($"{target} already exists and is not empty; name a new directory");
            }

            var store = await context.OpenStoreAsync(cancellationToken);
            var text = context.GetValue(image)!;
            var resolved = await ImageResolver.ResolveAsync(store, text, cancellationToken);
            var selected = await ManifestSelector.ResolveAsync(
                store.Layout, resolved.Image.Descriptor, CommonOptions.ParsePlatform(context.GetValue(platform)), text, cancellationToken);

            // Unpacked beside the target and renamed at the end, so a failure leaves no half-filled directory.
            var staging = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
            try
            {
                var options = new LayerExtractorOptions { PreserveOwnership = context.GetValue(preserveOwnership), CreateDevices = context.GetValue(devices) };
                await RootfsExporter.UnpackAsync(store.Layout, selected, staging, options, cancellationToken);
                if (Directory.Exists(target))
                {
                    Directory.Delete(target);
                }

                Directory.Move(staging, target);
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }

            await context.StatusAsync($"Unpacked {text} ({selected.ManifestDescriptor.Digest}) into {target}");
            return ExitCodes.Success;
        });
    }
}
