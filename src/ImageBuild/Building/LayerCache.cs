using System.Text;
using System.Text.Json;
using ImageBuild.IO;
using ImageBuild.Store;

namespace ImageBuild.Building;

/// <summary>
/// Remembers which compressed blob a layer's inputs gave, as side files in the store
/// (<c>layer-cache/content/&lt;key&gt;.json</c>, and <c>layer-cache/quick/&lt;key&gt;.json</c> and
/// <c>layer-cache/identity/&lt;key&gt;.json</c> pointing at a content key),
/// so a layer whose inputs did not change is reused without tarring or compressing. A record whose blob
/// the store no longer holds (pruned) is a miss.
/// </summary>
public sealed class LayerCache(OciLayout layout)
{
    public const string DirectoryName = "layer-cache";

    private string Root => Path.Combine(layout.RootPath, DirectoryName);

    /// <summary>The content key a quick key points at and its record, or null.</summary>
    public Task<(string ContentKey, LayerCacheRecord Record)?> FindByQuickKeyAsync(string quickKey, CancellationToken cancellationToken) =>
        FindByPointerAsync("quick", quickKey, cancellationToken);

    /// <summary>The content key an identity key points at and its record, or null.</summary>
    public Task<(string ContentKey, LayerCacheRecord Record)?> FindByIdentityKeyAsync(string identityKey, CancellationToken cancellationToken) =>
        FindByPointerAsync("identity", identityKey, cancellationToken);

    public async Task<LayerCacheRecord?> FindByContentKeyAsync(string contentKey, CancellationToken cancellationToken)
    {
        if (!IsKey(contentKey) || await ReadTextAsync(Path.Combine(Root, "content", contentKey + ".json"), cancellationToken) is not { } json)
        {
            return null;
        }

        LayerCacheRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(json, BuildingJsonContext.Default.LayerCacheRecord);
        }
        catch (JsonException)
        {
            // A damaged record only costs a rebuild, which rewrites it.
            return null;
        }

        return record is not null && layout.HasBlob(record.ToDescriptor()) ? record : null;
    }

    public Task PutAsync(string contentKey, LayerCacheRecord record, CancellationToken cancellationToken) =>
        WriteTextAsync(Path.Combine(Root, "content", contentKey + ".json"), JsonSerializer.Serialize(record, BuildingJsonContext.Default.LayerCacheRecord), cancellationToken);

    public Task RememberQuickKeyAsync(string quickKey, string contentKey, CancellationToken cancellationToken) =>
        WriteTextAsync(Path.Combine(Root, "quick", quickKey + ".json"), contentKey, cancellationToken);

    public Task RememberIdentityKeyAsync(string identityKey, string contentKey, CancellationToken cancellationToken) =>
        WriteTextAsync(Path.Combine(Root, "identity", identityKey + ".json"), contentKey, cancellationToken);

    private async Task<(string ContentKey, LayerCacheRecord Record)?> FindByPointerAsync(string kind, string key, CancellationToken cancellationToken)
    {
        var contentKey = (await ReadTextAsync(Path.Combine(Root, kind, key + ".json"), cancellationToken))?.Trim();
        return contentKey is not null && await FindByContentKeyAsync(contentKey, cancellationToken) is { } record ? (contentKey, record) : null;
    }

    private static bool IsKey(string key) => key.Length == 64 && key.All(char.IsAsciiHexDigitLower);

    private static async Task<string?> ReadTextAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static async Task WriteTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = Encoding.UTF8.GetBytes(text);
        await AtomicFile.WriteAsync(path, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken);
    }
}
