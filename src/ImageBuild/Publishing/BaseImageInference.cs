using ImageBuild.Errors;
using NuGet.Versioning;

namespace ImageBuild.Publishing;

/// <summary>
/// The base image the SDK's PublishContainer would pick when ContainerBaseImage is empty:
/// mcr.microsoft.com/dotnet/{runtime-deps|aspnet|runtime}:MAJOR.MINOR, -alpine for musl RIDs, -FAMILY when set.
/// </summary>
internal static class BaseImageInference
{
    public const string MicrosoftRegistry = "mcr.microsoft.com";

    public static string Infer(BaseImageFacts facts)
    {
        var repository = facts.IsSelfContained || facts.IsAot ? "runtime-deps" : facts.IsWeb ? "aspnet" : "runtime";
        var tag = VersionTag(facts.TargetFrameworkVersion, facts.RuntimePackVersion);
        var musl = facts.RuntimeIdentifiers.Where(RuntimeIdentifierPlatform.IsMusl).Count();
        if (musl != 0 && musl != facts.RuntimeIdentifiers.Count)
        {
            throw new InvalidInputException(
                $"ContainerRuntimeIdentifiers mixes musl and glibc RIDs ({string.Join(";", facts.RuntimeIdentifiers)}): one base image serves them all, so use only linux-musl-* or only linux-* RIDs, or set ContainerBaseImage");
        }

        if (!string.IsNullOrWhiteSpace(facts.Family))
        {
            tag += "-" + facts.Family.Trim();
        }
        else if (musl > 0)
        {
            tag += "-alpine";
        }

        var registry = string.IsNullOrWhiteSpace(facts.BaseRegistry) ? MicrosoftRegistry : facts.BaseRegistry.Trim().TrimEnd('/');
        return $"{registry}/dotnet/{repository}:{tag}";
    }

    /// <summary>MAJOR.MINOR for a release; MAJOR.MINOR-preview for previews and release candidates, as Microsoft tags them.</summary>
    public static string VersionTag(string targetFrameworkVersion, string? runtimePackVersion)
    {
        if (!NuGetVersion.TryParse(targetFrameworkVersion.Trim().TrimStart('v', 'V'), out var framework))
        {
            throw new InvalidInputException(
                $"target framework version \"{targetFrameworkVersion}\" is not a version: set ContainerBaseImage, or target a .NET framework such as net10.0");
        }

        if (framework.Major < 6)
        {
            throw new InvalidInputException(
                $"no Microsoft container image exists for .NET {framework.Major}.{framework.Minor}: target net8.0 or later, or set ContainerBaseImage");
        }

        var prerelease = NuGetVersion.TryParse(runtimePackVersion ?? string.Empty, out var runtime)
            && runtime.Major == framework.Major && runtime.Minor == framework.Minor && runtime.IsPrerelease;
        return prerelease ? $"{framework.Major}.{framework.Minor}-preview" : $"{framework.Major}.{framework.Minor}";
    }
}
