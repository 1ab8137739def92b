using ImageBuild.Archives;
using ImageBuild.Building;
using ImageBuild.Daemon;
using ImageBuild.Errors;
using ImageBuild.Transfers;

namespace ImageBuild.Publishing;

/// <summary>
/// Where the image goes: ContainerImageOutput when set; else a tarball at ContainerArchiveOutputPath (the SDK's
/// meaning); else the registry when ContainerRegistry is set; else the daemon LocalRegistry names (Docker or Podman,
/// as the SDK loads it); else the local store, and also the local daemon when one answers (see
/// <see cref="LoadsDaemonWhenAnswering"/>), so a PublishContainer user's <c>docker run</c> works unchanged.
/// </summary>
internal static class ContainerOutputs
{
    public static IReadOnlyList<BuildOutput> Resolve(ContainerRequest request, IReadOnlyList<string> tags)
    {
        List<BuildOutput> outputs;
        if (!string.IsNullOrWhiteSpace(request.ImageOutput))
        {
            outputs = request.ImageOutput.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
        }
        else if (!string.IsNullOrWhiteSpace(request.ArchiveOutputPath))
        {
            outputs = [Archive(request)];
        }
        else if (string.IsNullOrWhiteSpace(request.Registry) && LocalRegistryKind(request) is { } kind)
        {
            outputs = [BuildOutput.Daemon(kind)];
        }
        else
        {
            outputs = [string.IsNullOrWhiteSpace(request.Registry) ? BuildOutput.Store : BuildOutput.Registry];
        }

        if (outputs.Any(o => o.IsRegistry) && string.IsNullOrWhiteSpace(request.Registry))
        {
            throw new InvalidInputException(
                $"ContainerImageOutput=registry needs a registry to push {tags[0]} to: set ContainerRegistry (e.g. localhost:5000 or ghcr.io)");
        }

        return outputs;
    }

    /// <summary>
    /// True when the project chose no output at all (no ContainerRegistry, ContainerImageOutput,
    /// ContainerArchiveOutputPath or LocalRegistry): the store gets the image, and so does the local daemon if one answers.
    /// </summary>
    public static bool LoadsDaemonWhenAnswering(ContainerRequest request) =>
        string.IsNullOrWhiteSpace(request.ImageOutput)
        && string.IsNullOrWhiteSpace(request.ArchiveOutputPath)
        && string.IsNullOrWhiteSpace(request.Registry)
        && string.IsNullOrWhiteSpace(request.LocalRegistry);

    private static DaemonKind? LocalRegistryKind(ContainerRequest request) => request.LocalRegistry?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "docker" => DaemonKind.Docker,
        "podman" => DaemonKind.Podman,
        _ => throw new InvalidInputException($"LocalRegistry \"{request.LocalRegistry}\" is not known: use Docker or Podman"),
    };

    private static BuildOutput Parse(string text)
    {
        try
        {
            return BuildOutput.Parse(text);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException("ContainerImageOutput: " + e.Message);
        }
    }

    /// <summary>A folder (an existing one, or a path ending in '/') gets REPOSITORY.tar.gz in it, as PublishContainer names it.</summary>
    private static BuildOutput Archive(ContainerRequest request)
    {
        var path = request.ArchiveOutputPath!.Trim();
        if (Directory.Exists(path) || path.EndsWith('/') || path.EndsWith('\\'))
        {
            path = Path.Combine(path, request.Repository.Replace('/', '-') + ".tar.gz");
        }

        var oci = string.Equals(request.ImageFormat?.Trim(), "oci", StringComparison.OrdinalIgnoreCase);
        return BuildOutput.To(new ArchiveLocation(oci ? ArchiveFormat.Oci : ArchiveFormat.Docker, Path.GetFullPath(path), null));
    }
}
