using ImageBuild.Building;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Publishing;

/// <summary>
/// Splits a publish output into layers by how often the files change, so a code change rebuilds and uploads
/// only the small app layer; the builder's layer cache makes every unchanged group free.
/// </summary>
internal static class PublishLayering
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
            SourceIdentity = SourceIdentity(g.Files),
        }).ToList();
    }

    /// <summary>
    /// The packages a group's files all come from, each with its version and NuGet's sha512, one a line; null when
    /// any file comes from no package NuGet vouches for (the app, project references, a package without a hash).
    /// With it the layer cache knows an unchanged runtime or package set without reading its files.
    /// </summary>
    public static string? SourceIdentity(IReadOnlyCollection<PublishFile> files)
    {
        if (files.Count == 0 || files.Any(f => f.NuGetPackageId is null || f.NuGetPackageVersion is null || f.NuGetPackageHash is null))
        {
            return null;
        }

        var packages = files.Select(f => $"{f.NuGetPackageId!.ToLowerInvariant()}/{f.NuGetPackageVersion!.ToLowerInvariant()} sha512-{f.NuGetPackageHash}")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return "nuget\n" + string.Join("\n", packages);
    }
}
