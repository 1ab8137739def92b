using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageBuild.Store;

/// <summary>
/// Facts about images that have no place in an OCI layout: when each reference was last tagged and where
/// an image was pulled from. Kept beside index.json so blobs stay pure content.
/// </summary>
internal sealed record StoreMetadata
{
    /// <summary>Keyed by full reference name.</summary>
    [JsonPropertyName("refs")]
    public Dictionary<string, RefMetadata> Refs { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Keyed by the digest of the index.json entry (manifest or index).</summary>
    [JsonPropertyName("images")]
    public Dictionary<string, ImageMetadata> Images { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The store's referrers (SBOMs, signatures), keyed by the referrer manifest's digest: not images, but content of their subject.</summary>
    [JsonPropertyName("referrers")]
    public Dictionary<string, ReferrerMetadata> Referrers { get; init; } = new(StringComparer.Ordinal);

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}

internal sealed record RefMetadata
{
    [JsonPropertyName("lastTagTime")]
    public DateTimeOffset? LastTagTime { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}

internal sealed record ImageMetadata
{
    /// <summary>The first registry reference (name@digest) the manifest was pulled from.</summary>
    [JsonPropertyName("pulledFrom")]
    public string? PulledFrom { get; init; }

    /// <summary>Every other registry reference it was pulled from since, each a RepoDigest as in docker.</summary>
    [JsonPropertyName("alsoPulledFrom")]
    public IReadOnlyList<string>? AlsoPulledFrom { get; init; }

    [JsonIgnore]
    public IEnumerable<string> Sources => AlsoPulledFrom is null ? [PulledFrom!] : AlsoPulledFrom.Prepend(PulledFrom!);

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}

internal sealed record ReferrerMetadata
{
    /// <summary>The digest of the manifest or index the referrer refers to.</summary>
    [JsonPropertyName("subject")]
    public required string Subject { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(StoreMetadata))]
[JsonSerializable(typeof(LayerCacheRecord))]
internal sealed partial class StoreJsonContext : JsonSerializerContext
{
}
