using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageBuild.Oci;

/// <summary>
/// The image configuration blob (OCI config / Docker container image v1). Every field of the spec is
/// modelled; anything else (Docker's container, docker_version, ...) rides in <see cref="Extensions"/>.
/// </summary>
public sealed record ImageConfig
{
    /// <summary>Kept as text so a read-modify-write does not change its precision.</summary>
    [JsonPropertyName("created")]
    public string? Created { get; init; }

    [JsonPropertyName("author")]
    public string? Author { get; init; }

    [JsonPropertyName("architecture")]
    public required string Architecture { get; init; }

    [JsonPropertyName("os")]
    public required string Os { get; init; }

    [JsonPropertyName("os.version")]
    public string? OsVersion { get; init; }

    [JsonPropertyName("os.features")]
    public IReadOnlyList<string>? OsFeatures { get; init; }

    [JsonPropertyName("variant")]
    public string? Variant { get; init; }

    [JsonPropertyName("config")]
    public ContainerConfig? Config { get; init; }

    [JsonPropertyName("rootfs")]
    public required RootFs RootFs { get; init; }

    [JsonPropertyName("history")]
    public IReadOnlyList<HistoryEntry>? History { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }

    [JsonIgnore]
    public Platform Platform => new() { Os = Os, Architecture = Architecture, Variant = Variant, OsVersion = OsVersion, OsFeatures = OsFeatures };

    /// <summary>The creation time, or null when absent or not RFC 3339.</summary>
    [JsonIgnore]
    public DateTimeOffset? CreatedTime => ParseTime(Created);

    public static DateTimeOffset? ParseTime(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    /// <summary>Formats a time the way Go's RFC 3339 does for whole seconds (<c>2024-01-02T03:04:05Z</c>).</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
