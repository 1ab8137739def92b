using System.CommandLine;
using ImageBuild.Building;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image import</c>: a single-layer image from a root filesystem, like <c>docker import</c>.</summary>
internal static class ImportCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var source = new Argument<string>("SOURCE") { Description = "Root filesystem: a directory, or a .tar, .tar.gz, .tar.xz, .tar.zst or .tar.bz2 file" };
        var reference = new Argument<string?>("REFERENCE") { Description = "Name and tag for the image (e.g. myapp:1.0); untagged when omitted", Arity = ArgumentArity.ZeroOrOne };
        var change = new Option<string[]>("--change", "-c") { Description = "Apply a Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR" };
        var message = new Option<string?>("--message", "-m") { Description = "Comment for the image's history" };
        var platform = CommonOptions.Platform("Platform of the image (default: this machine's, e.g. linux/amd64)");
        var created = CommonOptions.Created();
        var compression = CommonOptions.Compression();
        var format = CommonOptions.Format();

        var command = new Command("import", "Create an image from a root filesystem directory or tarball")
        {
            source, reference, change, message, platform, created, compression, format,
        };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var refName = context.GetValue(reference) is { Length: > 0 } text ? ImageReference.ParseNormalized(text) : null;
            if (refName?.Digest is not null)
            {
                throw new InvalidInputException($"cannot import as {refName.FamiliarString}: a digest is computed from the content; give a name and tag instead");
            }

            var options = new RootfsImportOptions
            {
                Platform = CommonOptions.ParsePlatform(context.GetValue(platform)) ?? Platform.Current(),
                Changes = context.GetValue(change) ?? [],
                Created = CreatedTime.Resolve(context.GetValue(created), Environment.GetEnvironmentVariable, TimeProvider.System),
                Message = context.GetValue(message),
                Layer = new LayerOptions
                {
                    Timestamp = CreatedTime.Resolve(null, Environment.GetEnvironmentVariable, TimeProvider.System),
                    Compression = context.GetValue(compression),
                    DockerMediaTypes = context.GetValue(format) == ManifestFormat.Docker,
                },
            };
            var store = await context.OpenStoreAsync(cancellationToken);
            var result = await new RootfsImporter(store).ImportAsync(context.GetValue(source)!, refName?.ToString(), options, cancellationToken);
            await context.Out.WriteLineAsync(result.ImageId.ToString());
            return ExitCodes.Success;
        });
    }
}
