using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>
/// <c>image inspect</c>: docker's view of a stored image. For an index, <c>Id</c> stays the index digest while
/// config, platform and layers come from one child (see <see cref="PlatformSelector"/>), and
/// <see cref="ImageInspect.Manifests"/> lists every child.
/// </summary>
public static class ImageInspector
{
    /// <summary>Go's zero time, which docker prints when an image was never tagged.</summary>
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    private static readonly QueriesJsonContext Context = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static async Task<ImageInspect> InspectAsync(ImageStore store, string text, Platform? platform, CancellationToken cancellationToken = default)
    {
        var resolved = await ImageResolver.ResolveAsync(store, text, cancellationToken);
        return Inspect(resolved.Image, platform);
    }

    public static ImageInspect Inspect(StoreImage image, Platform? platform)
    {
        var (content, child) = PlatformSelector.Select(image, platform);
        var config = content.Config;
        return new ImageInspect
        {
            Id = image.ImageId.ToString(),
            RepoTags = image.Tags.Select(t => t.FamiliarString).ToList(),
            RepoDigests = image.RepoDigests(),
            Comment = Extension(config, "comment") ?? string.Empty,
            Created = config.Created,
            DockerVersion = Extension(config, "docker_version"),
            Author = config.Author ?? string.Empty,
            Config = ConfigObject(content.ConfigBytes),
            Architecture = config.Architecture,
            Variant = NullIfEmpty(config.Variant),
            Os = config.Os,
            OsVersion = NullIfEmpty(config.OsVersion),
            Size = image.IsIndex && platform is not null && child is not null ? child.Size : image.Size,
            RootFS = new ImageInspectRootFs(config.RootFs.Type, config.RootFs.DiffIds.Select(d => d.ToString()).ToList()),
            Metadata = new ImageInspectMetadata(image.LastTagTime is { } tagged ? FormatNano(tagged) : ZeroTime),
            Manifests = image.IsIndex
                ? image.Children.Select(c => new ImageInspectManifest(c.Descriptor.Digest.ToString(), c.Descriptor.MediaType, c.Descriptor.Size, c.Descriptor.Platform, c.IsAvailable)).ToList()
                : null,
        };
    }

    /// <summary>The tree a <c>--format</c> template walks: the same names and values the JSON output has.</summary>
    public static JsonNode ToJsonNode(ImageInspect inspect) =>
        JsonSerializer.SerializeToNode(inspect, Context.ImageInspect)!;

    /// <summary>docker's default output: an indented JSON array, one element per image.</summary>
    public static string ToJson(IReadOnlyList<ImageInspect> inspects) =>
        JsonSerializer.Serialize(inspects, Context.IReadOnlyListImageInspect);

    /// <summary>Go's RFC3339Nano: up to nine fraction digits, trailing zeros dropped.</summary>
    public static string FormatNano(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static JsonElement? ConfigObject(ReadOnlyMemory<byte> configBytes)
    {
        using var document = JsonDocument.Parse(configBytes);
        return document.RootElement.TryGetProperty("config", out var value) && value.ValueKind != JsonValueKind.Null
            ? value.Clone()
            : null;
    }

    private static string? Extension(ImageConfig config, string name) =>
        config.Extensions is not null && config.Extensions.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
