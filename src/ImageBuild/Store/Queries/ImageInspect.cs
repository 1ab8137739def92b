using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageBuild.Store.Queries;

/// <summary>
/// <c>image inspect</c> output in docker's shape and field order. Property names are docker's exactly, so
/// <c>--format '{{.Config.Env}}'</c> templates written for docker work on its JSON tree.
/// </summary>
public sealed record ImageInspect
{
    /// <summary>The image ID with its algorithm: <c>sha256:...</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Tags in familiar form: <c>alpine:3.20</c>.</summary>
    public required IReadOnlyList<string> RepoTags { get; init; }

    /// <summary><c>repository@manifest-or-index-digest</c> for each repository the image is known in.</summary>
    public required IReadOnlyList<string> RepoDigests { get; init; }

    /// <summary>Always empty: images in an OCI store have no parent image.</summary>
    public string Parent { get; init; } = string.Empty;

    public string Comment { get; init; } = string.Empty;

    /// <summary>The config's <c>created</c> as written there (RFC 3339, with its own precision).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Created { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DockerVersion { get; init; }

    public string Author { get; init; } = string.Empty;

    /// <summary>The config's <c>config</c> object exactly as stored (docker's field names, unknown fields kept).</summary>
    public JsonElement? Config { get; init; }

    public required string Architecture { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Variant { get; init; }

    public required string Os { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OsVersion { get; init; }

    /// <summary>Bytes on disk: manifest, config and compressed layers (for a whole index, every part stored).</summary>
    public long Size { get; init; }

    public required ImageInspectRootFs RootFS { get; init; }

    public required ImageInspectMetadata Metadata { get; init; }

    /// <summary>For an index: every manifest it lists and whether the store holds it; absent for a manifest.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ImageInspectManifest>? Manifests { get; init; }
}
