using ImageBuild.Building;
using ImageBuild.References;

namespace ImageBuild.Cli.Commands;

/// <summary>Shows a build result: JSON for CI, or a short summary ending with the NAME@sha256 lines.</summary>
internal static class BuildResultPrinter
{
    public static async Task PrintAsync(CommandContext context, BuildResult result, bool json, string? digestFile, CancellationToken cancellationToken)
    {
        if (digestFile is { Length: > 0 })
        {
            await IO.AtomicFile.WriteAsync(digestFile, (stream, ct) => stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(result.Digest.ToString()), ct).AsTask(), cancellationToken);
        }

        if (context.Timings)
        {
            await context.Error.WriteLineAsync($"timings: build: {result.Timings.Describe()}");
        }

        if (json)
        {
            await context.Out.WriteLineAsync(BuildResultJson.Serialize(result));
            return;
        }

        if (!context.Quiet)
        {
            var kind = result.IndexDigest is null ? "image" : $"index of {result.Images.Count} platforms";
            await context.Out.WriteLineAsync($"Built {kind}: {result.LayersWritten} layer(s) written, {result.LayersReused} from cache, {result.BlobsUploaded} blob(s) copied, {result.BlobsSkipped} present ({result.Timings.TotalMilliseconds} ms)");
            foreach (var image in result.Images)
            {
                await context.Out.WriteLineAsync($"  {image.Platform}: image ID {image.ConfigDigest}" + (image.SbomDigest is { } sbom ? $", SBOM {sbom}" : string.Empty));
            }
        }

        var names = result.Tags.Select(t => ImageReference.Parse(t).WithoutTagOrDigest().WithDigest(result.Digest).ToString()).Distinct().ToList();
        foreach (var line in names.Count > 0 ? names : [result.Digest.ToString()])
        {
            await context.Out.WriteLineAsync(line);
        }
    }
}
