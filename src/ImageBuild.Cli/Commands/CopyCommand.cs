using System.CommandLine;
using ImageBuild.Content;
using ImageBuild.Cli.Rendering;
using ImageBuild.Transfers;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>dotnet image copy SRC DST</c>: like <c>skopeo copy</c>, between registries, OCI layouts, archives and the
/// store, keeping manifest and index digests. From a multi-platform image it copies this machine's platform
/// (or --platform) unless --all-platforms, as skopeo does without and with --all. Standard output gets the
/// digest written.
/// </summary>
internal static class CopyCommand
{
    public static Command Create(GlobalOptions globals)
    {
        const string forms = "a registry reference, oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:REF], docker-daemon:NAME[:TAG] or store:REF";
        var source = new Argument<string>("SOURCE") { Description = $"Where the image is: {forms}" };
        var destination = new Argument<string>("DESTINATION") { Description = $"Where to put it: {forms}" };
        var platform = CommonOptions.Platform("From a multi-platform image, copy this platform's image (os/arch[/variant]; default: this machine's)");
        var allPlatforms = CommonOptions.AllPlatforms("Copy a multi-platform image whole, keeping its index digest");
        var jobs = CommonOptions.Jobs();
        var referrers = CommonOptions.IncludeReferrers(byDefault: false);
        var command = new Command("copy", "Copy an image between registries, OCI layouts, archives, the local daemon and the store") { source, destination, platform, allPlatforms, jobs, referrers };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var from = ImageLocation.Parse(context.GetValue(source)!);
            var to = ImageLocation.Parse(context.GetValue(destination)!);
            var options = new TransferOptions
            {
                Platform = CommonOptions.ParsePlatform(context.GetValue(platform)),
                AllPlatforms = context.GetValue(allPlatforms),
                Parallelism = context.GetValue(jobs),
                IncludeReferrers = context.GetValue(referrers),
            };
            using var registries = context.OpenRegistries();
            var result = await TransferProgress.RunAsync(
                context,
                (layer, stage) => $"Copying blob {layer.Digest.ShortHex} {(stage == BlobTransferStage.Skipped ? "skipped: already exists" : "done")}",
                progress => ImageCopier.CopyAsync(from, to, registries.Endpoints, options with { Progress = progress }, cancellationToken));
            await context.StatusAsync($"Wrote {result.Root.MediaType} {result.Root.Digest} to {to}");
            await context.Out.WriteLineAsync(result.Root.Digest.ToString());
            return ExitCodes.Success;
        });
    }
}
