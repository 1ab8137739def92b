using System.CommandLine;
using System.Text;
using ImageBuild.Transfers;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>dotnet image sbom REF</c>: prints the SPDX document attached to an image (to its manifest for this machine's
/// platform, or --platform's, of a multi-platform image), from the store, a layout or the registry.
/// </summary>
internal static class SbomCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var image = new Argument<string>("IMAGE") { Description = "A store image, a registry reference (host/name:tag), or a location such as oci:DIR:REF" };
        var platform = CommonOptions.Platform("For a multi-platform image, whose SBOM to print (os/arch[/variant]; default: this machine's)");
        var remote = new Option<bool>("--remote") { Description = "Look in the registry even when the store holds the image" };
        var command = new Command("sbom", "Print the SPDX SBOM attached to an image") { image, platform, remote };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            using var registries = context.OpenRegistries();
            var found = await ImageLookup.OpenAsync(context.GetValue(image)!, registries.Endpoints, context.GetValue(remote), cancellationToken);
            await using var source = found.Source;
            var document = await ReferrerLookup.ReadSbomAsync(source, CommonOptions.ParsePlatform(context.GetValue(platform)), cancellationToken);
            await context.Out.WriteAsync(Encoding.UTF8.GetString(document).TrimEnd('\n') + "\n");
            return ExitCodes.Success;
        });
    }
}
