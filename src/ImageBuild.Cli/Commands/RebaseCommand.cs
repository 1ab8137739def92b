using System.CommandLine;
using ImageBuild.Errors;
using ImageBuild.References;
using ImageBuild.Building.Rebasing;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>dotnet image rebase IMAGE</c> (crane rebase): moves an image onto a new base without rebuilding it, keeping its
/// own layers byte for byte; a registry image is rebased in the registry without downloading layers. <c>--check</c>
/// only says whether the base the image records has moved: exit code 0 when it is up to date, 3 when a rebase is
/// available, so CI can schedule rebases.
/// </summary>
internal static class RebaseCommand
{
    public const int RebaseAvailable = 3;

    public static Command Create(GlobalOptions globals)
    {
        var image = new Argument<string>("IMAGE") { Description = "The image to rebase: a store image, a registry reference (host/name:tag), or oci:DIR:REF" };
        var oldBase = new Option<string?>("--old-base") { Description = "The base IMAGE was built on (default: the base it records in its annotations or labels)" };
        var newBase = new Option<string?>("--new-base") { Description = "The base to move it onto (default: the current image of the base name it records)" };
        var tags = new Option<string[]>("--tag", "-t") { Description = "Name and tag for the result (repeatable; default: IMAGE's own)" };
        var check = new Option<bool>("--check") { Description = "Only tell whether the recorded base has moved: exit 0 when up to date, 3 when a rebase is available" };
        var remote = new Option<bool>("--remote") { Description = "Read IMAGE and the bases from their registries even when the store holds them" };
        var push = new Option<bool>("--push") { Description = "Push the result to the tags' registries (a registry IMAGE is always rebased in its registry)" };
        var command = new Command("rebase", "Move an image onto a new base image without rebuilding it") { image, oldBase, newBase, tags, check, remote, push };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var store = await context.OpenStoreAsync(cancellationToken);
            using var registries = context.OpenRegistries();
            var rebaser = new Rebaser(store, registries.Endpoints);
            var imageText = context.GetValue(image)!;
            if (context.GetValue(check))
            {
                if (context.GetValue(oldBase) is not null || context.GetValue(tags) is { Length: > 0 } || context.GetValue(push))
                {
                    throw new InvalidInputException("--check only compares the recorded base with --new-base (or the recorded base name): drop --old-base, --tag and --push");
                }

                var result = await rebaser.CheckAsync(imageText, context.GetValue(newBase), context.GetValue(remote), cancellationToken);
                await context.Out.WriteLineAsync(result.UpToDate
                    ? $"up to date: {imageText} is on {result.Base} ({result.CurrentDigest})"
                    : $"rebase available: {result.Base} is now {result.CurrentDigest}; {imageText} is on {result.RecordedDigest}");
                return result.UpToDate ? ExitCodes.Success : RebaseAvailable;
            }

            var rebased = await rebaser.RebaseAsync(
                new RebasePlan
                {
                    Image = imageText,
                    OldBase = context.GetValue(oldBase),
                    NewBase = context.GetValue(newBase),
                    Tags = context.GetValue(tags) ?? [],
                    Remote = context.GetValue(remote),
                    Push = context.GetValue(push),
                },
                cancellationToken);
            await context.StatusAsync($"Rebased {imageText} from {rebased.OldBaseDigest} onto {rebased.NewBase} ({rebased.NewBaseDigest}): {rebased.BlobsUploaded} blob(s) copied, {rebased.BlobsMounted} mounted, {rebased.BlobsSkipped} present");
            foreach (var platform in rebased.Images)
            {
                await context.StatusAsync($"  {platform.Platform}: {platform.OldManifest} -> {platform.NewManifest}, {platform.BaseLayersReplaced} base layer(s) replaced by {platform.BaseLayersAdded}, {platform.AppLayers.Count} kept");
            }

            foreach (var tag in rebased.Tags)
            {
                await context.Out.WriteLineAsync(ImageReference.Parse(tag).WithoutTagOrDigest().WithDigest(rebased.Digest).ToString());
            }

            return ExitCodes.Success;
        });
    }
}
