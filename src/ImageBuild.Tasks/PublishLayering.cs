using ImageBuild.Building;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Tasks;

/// <summary>
/// Splits a publish output into layers by how often the files change, so a code change rebuilds and uploads
/// only the small app layer; the builder's layer cache makes every unchanged group free.
/// </summary>
public static class PublishLayering
{
    public const string Auto = "auto";
    public const string Single = "single";

    public static LayerGroup Classify(PublishFile file)
    {
        if (file.FromRuntimePack)
        {
            return LayerGroup.Runtime;
        }

        if (!string.IsNullOrEmpty(file.NuGetPackageId))
        {
            return LayerGroup.Packages;
        }

        return file.FromProjectReference || file.RelativePath.StartsWith("wwwroot/", StringComparison.Ordinal)
            ? LayerGroup.Dependencies
            : LayerGroup.App;
    }

    /// <summary>The layers of one platform's files, empty groups left out; <paramref name="platform"/> null for a single-platform build.</summary>
    public static IReadOnlyList<LayerSpec> Layers(
        IEnumerable<PublishFile> files, string layering, string workingDirectory, Platform? platform)
    {
        var ordered = files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToList();
        var directory = workingDirectory.EndsWith('/') ? workingDirectory : workingDirectory + "/";
        var groups = layering.ToLowerInvariant() switch
        {
            Auto => ordered.GroupBy(Classify).OrderBy(g => g.Key).Select(g => (Name: g.Key.ToString().ToLowerInvariant(), Files: g.ToList())),
            Single => ordered.Count == 0 ? [] : new[] { (Name: "app", Files: ordered) },
            _ => throw new InvalidInputException($"ContainerLayering \"{layering}\" is not known: use auto (runtime, packages, dependencies, app) or single"),
        };
        return groups.Select(g => new LayerSpec
        {
            Name = g.Name,
            Sources = g.Files.Select(f => new LayerSource(f.SourcePath, directory + f.RelativePath)).ToList(),
            Platform = platform,
            Description = $"COPY {g.Name} {directory} ({g.Files.Count} files)",
        }).ToList();
    }
}
