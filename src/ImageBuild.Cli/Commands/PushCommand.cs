using System.CommandLine;
using ImageBuild.Content;
using ImageBuild.Cli.Rendering;
using ImageBuild.References;
using ImageBuild.Transfers;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>dotnet image push REF</c>: like <c>docker push</c>. Per-layer lines go to standard error; standard output gets
/// <c>NAME@sha256:...</c> of each image pushed, which is what a CI step captures (or reads from --digest-file).
/// </summary>
internal static class PushCommand
{
    public static Command Create(GlobalOptions globals) =>
        Create(globals, "push", "Upload an image from the store to a registry");

    /// <summary>The same push under another name: <c>manifest push</c> is a push of a stored index and its images.</summary>
    public static Command Create(GlobalOptions globals, string name, string description)
    {
        var image = new Argument<string>("NAME[:TAG|@DIGEST]") { Description = "Image to push; by digest pushes without creating a tag" };
        var allTags = new Option<bool>("--all-tags", "-a") { Description = "Push every tag of the repository that the store holds" };
        var digestFile = new Option<string?>("--digest-file") { Description = "Write NAME@sha256:... of what was pushed to this file" };
        var jobs = CommonOptions.Jobs();
        var referrers = CommonOptions.IncludeReferrers(byDefault: true);
        var command = new Command(name, description) { image, allTags, digestFile, jobs, referrers };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var reference = ImageReference.Parse(context.GetValue(image)!);
            var options = new TransferOptions { Parallelism = context.GetValue(jobs), IncludeReferrers = context.GetValue(referrers) };
            var store = await context.OpenStoreAsync(cancellationToken);
            using var registries = context.OpenRegistries();
            var pusher = new ImagePusher(store, registries.ClientFor);
            await context.StatusAsync($"The push refers to repository [{reference.Name}]");

            // Plain lines come from the results, which know what was mounted; the live display only shows bytes moving.
            var results = await TransferProgress.RunAsync(
                context,
                (_, _) => null,
                progress => pusher.PushAsync(reference, context.GetValue(allTags), options with { Progress = progress }, cancellationToken));
            var lines = new List<string>();
            foreach (var result in results)
            {
                foreach (var blob in result.Blobs.Where(b => TransferProgress.IsLayer(b.Descriptor)))
                {
                    await context.StatusAsync($"{blob.Descriptor.Digest.ShortHex}: " + blob.Outcome switch
                    {
                        PushOutcome.AlreadyExists => "Layer already exists",
                        PushOutcome.Mounted => $"Mounted from {blob.MountedFrom}",
                        _ => "Pushed",
                    });
                }

                var label = result.Reference.Tag is { } tag ? $"{tag}: digest" : "digest";
                await context.StatusAsync($"{label}: {result.Root.Digest} size: {result.Root.Size}");
                lines.Add(result.DigestReference);
            }

            if (context.GetValue(digestFile) is { Length: > 0 } path)
            {
                await File.WriteAllTextAsync(path, string.Join('\n', lines) + "\n", cancellationToken);
            }

            foreach (var line in lines)
            {
                await context.Out.WriteLineAsync(line);
            }

            return ExitCodes.Success;
        });
    }
}
