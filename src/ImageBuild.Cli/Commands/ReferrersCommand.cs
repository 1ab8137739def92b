using System.CommandLine;
using ImageBuild.Cli.Rendering;
using ImageBuild.Transfers;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>dotnet image referrers REF</c>: what is attached to an image (SBOMs, signatures): the referrers of the image and
/// of each platform manifest of its index, from the store, a layout, or the registry (its referrers API, else the
/// referrers tag schema), as a table of digest, artifact type, size and subject.
/// </summary>
internal static class ReferrersCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var image = new Argument<string>("IMAGE") { Description = "A store image, a registry reference (host/name:tag), or a location such as oci:DIR:REF" };
        var artifactType = new Option<string?>("--artifact-type") { Description = "Only referrers of this artifact type, e.g. application/spdx+json" };
        var remote = new Option<bool>("--remote") { Description = "Look in the registry even when the store holds the image" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Only the referrers' digests" };
        var command = new Command("referrers", "List the referrers (SBOMs, signatures) attached to an image") { image, artifactType, remote, quiet };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            using var registries = context.OpenRegistries();
            var found = await ImageLookup.OpenAsync(context.GetValue(image)!, registries.Endpoints, context.GetValue(remote), cancellationToken);
            await using var source = found.Source;
            var referrers = await ReferrerLookup.ListAsync(source, context.GetValue(artifactType), cancellationToken);
            if (context.GetValue(quiet))
            {
                foreach (var referrer in referrers)
                {
                    await context.Out.WriteLineAsync(referrer.Descriptor.Digest.ToString());
                }

                return ExitCodes.Success;
            }

            var table = TabWriter.ForDockerTable();
            table.Write("DIGEST\tARTIFACT TYPE\tSIZE\tSUBJECT\n");
            foreach (var referrer in referrers)
            {
                var subject = referrer.Subject.ShortHex + (referrer.Platform is { } platform ? $" ({platform})" : string.Empty);
                table.Write($"{referrer.Descriptor.Digest}\t{referrer.Descriptor.ArtifactType ?? referrer.Descriptor.MediaType}\t{HumanSize.Format(referrer.Descriptor.Size)}\t{subject}\n");
            }

            await context.Out.WriteAsync(table.Flush());
            return ExitCodes.Success;
        });
    }
}
