using System.Text.Json.Serialization;
using ImageBuild.Oci;

namespace ImageBuild.Publishing;

/// <summary>The container properties and items of a project, as plain data (MSBuild's strings already split).</summary>
internal sealed record ContainerRequest
{
    /// <summary>ContainerBaseImage as the user wrote it; empty to infer from <see cref="BaseFacts"/>.</summary>
    public string? BaseImage { get; init; }

    public required BaseImageFacts BaseFacts { get; init; }

    public string? Registry { get; init; }

    public required string Repository { get; init; }

    /// <summary>ContainerImageTags, else ContainerImageTag, else latest.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? SemverTags { get; init; }

    /// <summary>ContainerImageOutput: store, registry, docker, podman, oci:DIR, oci-archive:FILE, docker-archive:FILE, docker-daemon:[NAME] (';' separated).</summary>
    public string? ImageOutput { get; init; }

    public string? ArchiveOutputPath { get; init; }

    /// <summary>The SDK's LocalRegistry: Docker or Podman, the daemon the image is loaded into when no registry is set.</summary>
    public string? LocalRegistry { get; init; }

    public string? ImageFormat { get; init; }

    public string? Compression { get; init; }

    public string WorkingDirectory { get; init; } = "/app/";

    public string? AppCommandInstruction { get; init; }

    public IReadOnlyList<string> AppCommand { get; init; } = [];

    public IReadOnlyList<string> AppCommandArgs { get; init; } = [];

    public IReadOnlyList<string> DefaultArgs { get; init; } = [];

    public string? User { get; init; }

    /// <summary>ContainerPort items: the port number and its Type metadata (tcp when empty).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Ports { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariables { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; init; } = [];

    /// <summary>ContainerLayer items: a file or folder and where it goes in the image (the working directory when empty).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraLayers { get; init; } = [];

    public string Layering { get; init; } = PublishLayering.Auto;

    public IReadOnlyList<PublishFile> Files { get; init; } = [];

    /// <summary>One RID for a single image; several make an index, with each file's <see cref="PublishFile.RuntimeIdentifier"/> saying which.</summary>
    public IReadOnlyList<string> RuntimeIdentifiers { get; init; } = [];

    public bool GenerateLabels { get; init; } = true;

    public DateTimeOffset Created { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>ContainerSbom: attach an SPDX SBOM of the image (on by default).</summary>
    public bool Sbom { get; init; } = true;

    /// <summary>The project as the SBOM names it, and its version.</summary>
    public string? ProjectName { get; init; }

    public string? ProjectVersion { get; init; }

    [JsonIgnore]
    public IReadOnlyList<Platform> Platforms => RuntimeIdentifiers.Select(RuntimeIdentifierPlatform.FromRid).ToList();
}
