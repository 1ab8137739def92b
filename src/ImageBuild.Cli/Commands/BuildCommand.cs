using System.CommandLine;
using ImageBuild.Building;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Sbom;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image build</c>: folders as layers onto a base image, config changes, tags and outputs.</summary>
internal static class BuildCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var directory = new Argument<string?>("DIR") { Description = "Folder that becomes a layer at the working directory (e.g. publish output)", Arity = ArgumentArity.ZeroOrOne };
        var from = new Option<string>("--from")
        {
            Description = "Base image: scratch; an image in the store (name or ID); a registry image (docker://REF, or a name with a registry host the store lacks); oci:DIR[:REF]; oci-archive:FILE[:REF]; docker-archive:FILE[:REF]; docker-daemon:NAME[:TAG] (the local daemon)",
            DefaultValueFactory = _ => BaseImageSource.Scratch,
        };
        var layers = new Option<string[]>("--layer") { Description = "Another folder or file as a layer: SRC[:DEST] (DEST defaults to the working directory)" };
        var layersFor = new Option<string[]>("--layer-for") { Description = "A folder only one platform gets: PLATFORM=DIR, e.g. linux/arm64=bin/publish-arm64" };
        var platform = CommonOptions.Platform("Target platforms, comma separated, e.g. linux/amd64,linux/arm64 (default: the base image's)");
        var compression = CommonOptions.Compression();
        var level = new Option<int?>("--compression-level") { Description = "gzip 0-9 or zstd 1-22" };
        var sbom = new Option<string?>("--sbom")
        {
            Description = "Attach an SPDX SBOM (base image, the files added with their hashes) to each platform image as an OCI referrer: 'auto', or FILE to also write it there (several platforms: FILE with the platform before its extension)",
        };
        var options = new BuildOptions();

        var command = new Command("build", "Build an image from folders on a base image, without a Dockerfile or daemon")
        {
            directory, from, layers, layersFor, platform, compression, level, sbom,
        };
        options.AddTo(command);
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var destination = context.GetValue(options.Workdir) is { Length: > 0 } workdir ? workdir : "/app";
            var specs = new List<LayerSpec>();
            if (context.GetValue(directory) is { Length: > 0 } dir)
            {
                specs.Add(LayerSpec.FromDirectory(NameOf(dir), dir, destination));
            }

            specs.AddRange((context.GetValue(layers) ?? []).Select(l => ParseLayer(l, destination)));
            foreach (var text in context.GetValue(layersFor) ?? [])
            {
                var eq = text.IndexOf('=');
                if (eq <= 0 || eq == text.Length - 1)
                {
                    throw new InvalidInputException($"--layer-for \"{text}\" must be PLATFORM=DIR, for example linux/arm64=bin/arm64");
                }

                var folder = text[(eq + 1)..];
                specs.Add(LayerSpec.FromDirectory(NameOf(folder), folder, destination, Platform.Parse(text[..eq])));
            }

            var plan = new BuildPlan
            {
                Base = context.GetValue(from)!,
                Layers = specs,
                Changes = options.Changes(context),
                Annotations = options.AnnotationMap(context),
                Platforms = ParsePlatforms(context.GetValue(platform)),
                Tags = options.TagList(context),
                Outputs = options.OutputList(context),
                Format = context.GetValue(options.Format),
                Compression = context.GetValue(compression),
                CompressionLevel = CheckLevel(context.GetValue(level), context.GetValue(compression)),
                Created = options.CreatedTime(context),
                LayerTimestamp = BuildOptions.LayerTimestamp(),
                Sbom = context.GetValue(sbom) is { Length: > 0 } ? new SbomInputs() : null,
            };
            var sbomFile = context.GetValue(sbom) is { Length: > 0 } sbomText && sbomText != "auto" ? sbomText : null;
            return await RunAsync(context, options, plan, cancellationToken, sbomFile);
        });
    }

    /// <summary>Runs a plan in the store and prints its result; shared with append and mutate.</summary>
    /// <param name="sbomFile">Where to write the SBOM of each platform image too, when the plan makes one.</param>
    public static async Task<int> RunAsync(CommandContext context, BuildOptions options, BuildPlan plan, CancellationToken cancellationToken, string? sbomFile = null)
    {
        if (context.GetValue(options.Push))
        {
            // Registry only, as buildx --push: keeping a copy in the store would download a registry base's layers.
            plan = plan with { Outputs = [.. plan.Outputs, BuildOutput.Registry] };
        }

        var store = await context.OpenStoreAsync(cancellationToken);
        using var registries = context.OpenRegistries();
        var result = await new ImageBuilder(store, registries.Endpoints).BuildAsync(plan, cancellationToken);
        if (sbomFile is not null)
        {
            await SbomFiles.WriteAsync(store, result, sbomFile, cancellationToken);
        }

        await BuildResultPrinter.PrintAsync(context, result, context.GetValue(options.Json), context.GetValue(options.DigestFile), cancellationToken);
        return ExitCodes.Success;
    }

    public static string NameOf(string path) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));

    private static LayerSpec ParseLayer(string text, string defaultDestination)
    {
        // SRC:DEST only when DEST is an absolute image path, so host paths with ':' still work.
        var colon = text.LastIndexOf(':');
        var (source, destination) = colon > 0 && colon + 1 < text.Length && text[colon + 1] == '/'
            ? (text[..colon], text[(colon + 1)..])
            : (text, defaultDestination);
        if (File.Exists(source) && colon < 0)
        {
            destination = destination.TrimEnd('/') + "/";
        }

        return new LayerSpec { Name = NameOf(source), Sources = [new LayerSource(source, destination)] };
    }

    private static IReadOnlyList<Platform> ParsePlatforms(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Platform.Parse).ToList();

    private static int? CheckLevel(int? level, LayerCompression compression)
    {
        var (min, max) = compression == LayerCompression.Zstd ? (1, 22) : (0, 9);
        if (level is { } value && (value < min || value > max || compression == LayerCompression.None))
        {
            throw new InvalidInputException($"--compression-level {value} does not fit --compression {compression.ToString().ToLowerInvariant()}: use {min}-{max} (none takes no level)");
        }

        return level;
    }
}
