using System.CommandLine;
using ImageBuild.Content;
using ImageBuild.Cli.Rendering;
using ImageBuild.References;
using ImageBuild.Transfers;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>dotnet image pull REF</c>: like <c>docker pull</c>. Progress and status go to standard error; standard output
/// gets only the full reference pulled, so scripts can capture it.
/// </summary>
internal static class PullCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var image = new Argument<string>("NAME[:TAG|@DIGEST]") { Description = "Image to pull (a missing tag means :latest)" };
        var platform = CommonOptions.Platform("From a multi-platform image, store this platform's image (os/arch[/variant]; default: this machine's)");
        var allPlatforms = CommonOptions.AllPlatforms("Store a multi-platform image whole, with every platform, keeping its index digest");
        var jobs = CommonOptions.Jobs();
        var referrers = CommonOptions.IncludeReferrers(byDefault: false);
        var command = new Command("pull", "Download an image from a registry into the store") { image, platform, allPlatforms, jobs, referrers };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var reference = ImageReference.Parse(context.GetValue(image)!);
            var options = new TransferOptions
            {
                Platform = CommonOptions.ParsePlatform(context.GetValue(platform)),
                AllPlatforms = context.GetValue(allPlatforms),
                Parallelism = context.GetValue(jobs),
                IncludeReferrers = context.GetValue(referrers),
            };
            var silent = context.Quiet;
            var shown = reference.ByDigestOrTag();
            if (!silent)
            {
                await context.StatusAsync($"{shown.Digest?.ToString() ?? shown.Tag}: Pulling from {shown.Repository}");
            }

            var store = await context.OpenStoreAsync(cancellationToken);
            using var registries = context.OpenRegistries();
            var puller = new ImagePuller(store, registries.ClientFor);
            var result = silent
                ? await puller.PullAsync(reference, options, cancellationToken)
                : await TransferProgress.RunAsync(
                    context,
                    (layer, stage) => $"{layer.Digest.ShortHex}: {(stage == BlobTransferStage.Skipped ? "Already exists" : "Pull complete")}",
                    progress => puller.PullAsync(reference, options with { Progress = progress }, cancellationToken));
            if (!silent)
            {
                await context.StatusAsync($"Digest: {result.Digest}");
                await context.StatusAsync($"Status: {(result.Downloaded ? "Downloaded newer image" : "Image is up to date")} for {result.Reference.FamiliarString}");
            }

            await context.Out.WriteLineAsync(result.Reference.ToString());
            return ExitCodes.Success;
        });
    }
}
