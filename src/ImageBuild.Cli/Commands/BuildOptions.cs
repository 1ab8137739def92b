using System.CommandLine;
using ImageBuild.Building;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Oci.Changes;
using ImageBuild.References;

namespace ImageBuild.Cli.Commands;

/// <summary>The options build, append and mutate share: config changes, tags, outputs and how the result is shown.</summary>
internal sealed class BuildOptions
{
    public Option<string[]> Tags { get; } = new("--tag", "-t") { Description = "Name and tag for the image (repeatable), e.g. myapp:1.0" };

    public Option<string?> SemverTags { get; } = new("--semver-tags") { Description = "Tag every -t repository with VERSION, MAJOR.MINOR, MAJOR and latest (a prerelease gets only its full tag)" };

    public Option<string?> Workdir { get; } = new("--workdir") { Description = "Working directory of the image; DIR and --layer folders go here (default /app)" };

    public Option<string?> Entrypoint { get; } = new("--entrypoint") { Description = "Entrypoint as a JSON array, e.g. '[\"dotnet\",\"app.dll\"]' (other text runs under /bin/sh -c)" };

    public Option<string?> Cmd { get; } = new("--cmd") { Description = "Default arguments as a JSON array" };

    public Option<string[]> Env { get; } = new("--env", "-e") { Description = "Set an environment variable KEY=VALUE ($NAME expands from the base, e.g. PATH=/app:$PATH)" };

    public Option<string[]> Labels { get; } = new("--label") { Description = "Set a config label KEY=VALUE" };

    public Option<string[]> Annotations { get; } = new("--annotation") { Description = "Set a manifest annotation KEY=VALUE" };

    public Option<string[]> Ports { get; } = new("--port") { Description = "Expose a port, e.g. 8080 or 8080/tcp" };

    public Option<string?> User { get; } = new("--user") { Description = "User (and group) the container runs as, e.g. 1654 or app:app" };

    public Option<ImageFormat> Format { get; } = new("--format") { Description = "Manifest format: auto follows the base image", DefaultValueFactory = _ => ImageFormat.Auto };

    public Option<string[]> Outputs { get; } = new("--output", "-o") { Description = "Write here instead of the store: any location copy takes (oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:REF], docker-daemon:[NAME[:TAG]], store:REF, docker://REF), 'store', 'docker' or 'podman' (that daemon), or 'registry' to push every tag; repeatable" };

    public Option<bool> Load { get; } = new("--load") { Description = "Also load the image into the local Docker or Podman daemon (--daemon chooses which), tagged with every -t name" };

    public Option<bool> Push { get; } = new("--push") { Description = "Push every tag to its registry instead of storing the image (add --output store to keep it locally too)" };

    public Option<string?> DigestFile { get; } = new("--digest-file") { Description = "Write the image (or index) digest to this file" };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the build result as JSON" };

    public Option<string?> Created { get; } = CommonOptions.Created();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Tags, SemverTags, Workdir, Entrypoint, Cmd, Env, Labels, Annotations, Ports, User, Format, Outputs, Load, Push, DigestFile, Json, Created })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The config changes the options ask for, in a fixed order.</summary>
    public IReadOnlyList<ConfigChange> Changes(CommandContext context)
    {
        var changes = new List<ConfigChange>();
        if (context.GetValue(Workdir) is { Length: > 0 } workdir)
        {
            changes.Add(new SetWorkingDir(workdir));
        }

        foreach (var (key, value) in Pairs(context.GetValue(Env), "--env"))
        {
            changes.Add(new SetEnvExpanded(key, value));
        }

        foreach (var (key, value) in Pairs(context.GetValue(Labels), "--label"))
        {
            changes.Add(new SetLabel(key, value));
        }

        foreach (var port in context.GetValue(Ports) ?? [])
        {
            changes.AddRange(DockerfileInstructionParser.Parse("EXPOSE " + port));
        }

        if (context.GetValue(User) is { Length: > 0 } user)
        {
            changes.Add(new SetUser(user));
        }

        if (context.GetValue(Entrypoint) is { Length: > 0 } entrypoint)
        {
            changes.AddRange(DockerfileInstructionParser.Parse("ENTRYPOINT " + entrypoint));
        }

        if (context.GetValue(Cmd) is { Length: > 0 } cmd)
        {
            changes.AddRange(DockerfileInstructionParser.Parse("CMD " + cmd));
        }

        return changes;
    }

    public IReadOnlyDictionary<string, string> AnnotationMap(CommandContext context) =>
        Pairs(context.GetValue(Annotations), "--annotation").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>The -t names, expanded by --semver-tags when given.</summary>
    public IReadOnlyList<string> TagList(CommandContext context, IReadOnlyList<string>? fallback = null)
    {
        var given = context.GetValue(Tags) is { Length: > 0 } tags ? tags : fallback ?? [];
        if (context.GetValue(SemverTags) is not { Length: > 0 } version)
        {
            return given;
        }

        if (given.Count == 0)
        {
            throw new InvalidInputException("--semver-tags needs a repository: add -t NAME");
        }

        return Building.SemverTags.Apply(given.Select(ParseTag), version);
    }

    /// <summary>The --output list; --load adds the local daemon (after the store when no output was named).</summary>
    public IReadOnlyList<BuildOutput> OutputList(CommandContext context)
    {
        var outputs = (context.GetValue(Outputs) ?? []).Select(BuildOutput.Parse).ToList();
        if (context.GetValue(Load))
        {
            outputs = [.. outputs.Count == 0 ? [BuildOutput.Store] : outputs, BuildOutput.Daemon(null)];
        }

        return outputs;
    }

    public DateTimeOffset CreatedTime(CommandContext context) =>
        Building.CreatedTime.Resolve(context.GetValue(Created), Environment.GetEnvironmentVariable, TimeProvider.System);

    public static DateTimeOffset LayerTimestamp() =>
        Building.CreatedTime.Resolve(null, Environment.GetEnvironmentVariable, TimeProvider.System);

    private static ImageReference ParseTag(string text) =>
        ImageReference.TryParse(text, out var reference, out var error) ? reference : throw new InvalidInputException($"invalid tag \"{text}\": {error}");

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string[]? values, string option)
    {
        foreach (var value in values ?? [])
        {
            var eq = value.IndexOf('=');
            if (eq <= 0 || value[..eq].Any(char.IsWhiteSpace))
            {
                throw new InvalidInputException($"{option} \"{value}\" must be KEY=VALUE, for example {option} NAME=value");
            }

            yield return new(value[..eq], value[(eq + 1)..]);
        }
    }
}
