using System.Globalization;
using ImageBuild.Building;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Oci.Changes;
using ImageBuild.References;
using ImageBuild.Sbom;

namespace ImageBuild.Publishing;

/// <summary>Turns a project's container properties into the builder's <see cref="BuildPlan"/>.</summary>
internal static class ContainerPlanFactory
{
    public const string CreatedBy = "dotnet publish -t:PublishImage";

    private static readonly string[] LocalFileBasePrefixes = ["oci:", "oci-archive:", "docker-archive:"];

    public static BuildPlan Create(ContainerRequest request)
    {
        var baseImage = string.IsNullOrWhiteSpace(request.BaseImage) ? BaseImageInference.Infer(request.BaseFacts) : request.BaseImage.Trim();
        var tags = Tags(request);
        var outputs = ContainerOutputs.Resolve(request, tags);
        var format = ParseFormat(request.ImageFormat);
        return new BuildPlan
        {
            Base = baseImage,
            Layers = Layers(request),
            Changes = Changes(request, baseImage),
            Annotations = request.Annotations.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
            Platforms = request.Platforms,
            Tags = tags,
            Outputs = outputs,
            Format = format,
            Compression = ParseCompression(request.Compression),
            Created = request.Created,
            LayerTimestamp = request.Created,
            CreatedByPrefix = CreatedBy,
            LabelBaseDigest = request.GenerateLabels,
            Sbom = request.Sbom ? SbomInputs(request) : null,
        };
    }

    /// <summary>
    /// The project and every package the published files came from, with the SHA-512 NuGet recorded for it; with
    /// several RIDs each file and package belongs to its RID's platform (each has its own runtime pack).
    /// </summary>
    public static SbomInputs SbomInputs(ContainerRequest request)
    {
        var directory = request.WorkingDirectory.EndsWith('/') ? request.WorkingDirectory : request.WorkingDirectory + "/";
        var fromPackages = request.Files.Where(f => !string.IsNullOrEmpty(f.NuGetPackageId) && !string.IsNullOrEmpty(f.NuGetPackageVersion)).ToList();
        Platform? PlatformOf(PublishFile file) =>
            request.RuntimeIdentifiers.Count > 1 && file.RuntimeIdentifier.Length > 0 ? RuntimeIdentifierPlatform.FromRid(file.RuntimeIdentifier) : null;
        return new SbomInputs
        {
            ProjectName = request.ProjectName,
            ProjectVersion = request.ProjectVersion,
            Packages = fromPackages
                .GroupBy(f => (f.NuGetPackageId!, f.NuGetPackageVersion!, PlatformOf(f)?.ToString()))
                .Select(g => new SbomPackage(g.Key.Item1, g.Key.Item2, SbomPackage.HexOfNuGetHash(g.Select(f => f.NuGetPackageHash).FirstOrDefault(h => h is not null)), g.First().FromRuntimePack)
                {
                    Platform = PlatformOf(g.First()),
                })
                .ToList(),
            FileOrigins = fromPackages
                .Select(f => new SbomFileOrigin((directory + f.RelativePath).TrimStart('/'), f.NuGetPackageId!, PlatformOf(f)))
                .ToList(),
        };
    }

    /// <summary>Full references: REGISTRY/REPOSITORY:TAG for each tag (semver-expanded when ContainerSemverTags is set).</summary>
    public static IReadOnlyList<string> Tags(ContainerRequest request)
    {
        var repository = request.Repository.Trim();
        var name = string.IsNullOrWhiteSpace(request.Registry) ? repository : $"{request.Registry.Trim().TrimEnd('/')}/{repository}";
        if (!ImageReference.TryParse(name, out var parsed, out var error) || parsed.Tag is not null || parsed.Digest is not null)
        {
            throw new InvalidInputException(
                $"ContainerRepository \"{repository}\" (registry \"{request.Registry}\") is not a repository name: {error ?? "it holds a tag or digest"}; use lowercase letters, digits, '.', '-', '_' and '/'");
        }

        if (!string.IsNullOrWhiteSpace(request.SemverTags))
        {
            return Building.SemverTags.Apply([parsed], request.SemverTags);
        }

        var tags = request.Tags.Count == 0 ? [ImageReference.DefaultTag] : request.Tags;
        return tags.Select(tag => ImageReference.TryParse($"{name}:{tag.Trim()}", out var tagged, out _) && tagged.Tag == tag.Trim()
                ? tagged.ToString()
                : throw new InvalidInputException($"ContainerImageTag \"{tag}\" is not a valid tag: use up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'"))
            .Distinct()
            .ToList();
    }

    private static List<LayerSpec> Layers(ContainerRequest request)
    {
        var layers = new List<LayerSpec>();
        if (request.RuntimeIdentifiers.Count > 1)
        {
            foreach (var rid in request.RuntimeIdentifiers)
            {
                var files = request.Files.Where(f => string.Equals(f.RuntimeIdentifier, rid, StringComparison.OrdinalIgnoreCase));
                layers.AddRange(PublishLayering.Layers(files, request.Layering, request.WorkingDirectory, RuntimeIdentifierPlatform.FromRid(rid)));
            }
        }
        else
        {
            layers.AddRange(PublishLayering.Layers(request.Files, request.Layering, request.WorkingDirectory, null));
        }

        foreach (var (path, destination) in request.ExtraLayers)
        {
            var target = string.IsNullOrWhiteSpace(destination) ? request.WorkingDirectory : destination.Trim();
            if (!target.StartsWith('/'))
            {
                throw new InvalidInputException($"ContainerLayer \"{path}\" has Destination \"{destination}\": give an absolute path in the image, e.g. /app/config/");
            }

            if (File.Exists(path) && !target.EndsWith('/') && string.IsNullOrWhiteSpace(destination))
            {
                target += "/";
            }

            var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
            layers.Add(new LayerSpec { Name = name, Sources = [new LayerSource(path, target)] });
        }

        return layers;
    }

    private static List<ConfigChange> Changes(ContainerRequest request, string baseImage)
    {
        var changes = new List<ConfigChange> { new SetWorkingDir(request.WorkingDirectory) };
        changes.AddRange(request.EnvironmentVariables.Select(e => new SetEnv(e.Key, e.Value)));
        foreach (var (port, type) in request.Ports)
        {
            changes.Add(new AddExposedPort(Port(port, type)));
        }

        changes.Add(new ExposeAspNetCorePorts());

        if (request.GenerateLabels)
        {
            changes.Add(new SetLabel("org.opencontainers.image.created", request.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
            // A local layout or archive base is named by a host path, which must not leak into (or vary) the image.
            if (!LocalFileBasePrefixes.Any(p => baseImage.StartsWith(p, StringComparison.Ordinal)))
            {
                changes.Add(new SetLabel("org.opencontainers.image.base.name", baseImage));
            }
        }

        changes.AddRange(request.Labels.Select(l => new SetLabel(l.Key, l.Value)));
        changes.Add(string.IsNullOrWhiteSpace(request.User) ? new SetUserFromAppUid() : new SetUser(request.User.Trim()));
        changes.AddRange(ContainerCommand.Changes(request.AppCommandInstruction, request.AppCommand, request.AppCommandArgs, request.DefaultArgs));
        return changes;
    }

    private static string Port(string port, string type)
    {
        var protocol = string.IsNullOrWhiteSpace(type) ? "tcp" : type.Trim().ToLowerInvariant();
        if (!ushort.TryParse(port.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number == 0 || protocol is not ("tcp" or "udp"))
        {
            throw new InvalidInputException($"ContainerPort \"{port}\" (Type \"{type}\") is not a port: use a number 1-65535 with Type tcp or udp");
        }

        return $"{number}/{protocol}";
    }

    private static ImageFormat ParseFormat(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => ImageFormat.Auto,
        "oci" => ImageFormat.Oci,
        "docker" => ImageFormat.Docker,
        _ => throw new InvalidInputException($"ContainerImageFormat \"{text}\" is not known: use OCI or Docker (or leave it empty to follow the base image)"),
    };

    private static LayerCompression ParseCompression(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "gzip" => LayerCompression.Gzip,
        "zstd" => LayerCompression.Zstd,
        "none" => LayerCompression.None,
        _ => throw new InvalidInputException($"ContainerCompression \"{text}\" is not known: use gzip, zstd or none"),
    };
}
