using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageBuild.Oci;

/// <summary>An image manifest, OCI or Docker schema 2 (the two share this shape).</summary>
public sealed record ImageManifest
{
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; } = 2;

    [JsonPropertyName("mediaType")]
    public string? MediaType { get; init; }

    [JsonPropertyName("artifactType")]
    public string? ArtifactType { get; init; }

    [JsonPropertyName("config")]
    public required Descriptor Config { get; init; }

    [JsonPropertyName("layers")]
    public IReadOnlyList<Descriptor> Layers { get; init; } = [];

    [JsonPropertyName("subject")]
    public Descriptor? Subject { get; init; }

    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }

    /// <summary>True for Docker schema 2; OCI otherwise (an OCI manifest may omit mediaType).</summary>
    [JsonIgnore]
    public bool IsDocker => MediaType == MediaTypes.DockerManifest;
}
