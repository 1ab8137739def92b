using System.Text;
using System.Text.Json;
using ImageBuild.IO;
using ImageBuild.Store;

namespace ImageBuild.Building;

/// <summary>
/// Remembers which compressed blob a layer's inputs gave, as side files in the store
/// (<c>layer-cache/content/&lt;key&gt;.json</c>, and <c>layer-cache/quick/&lt;key&gt;.json</c> pointing at a content key),
/// so a layer whose inputs did not change is reused without tarring or compressing. A record whose blob
/// the store no longer holds (pruned) is a miss.
/// </summary>
public sealed class LayerCache(OciLayout layout)
{
    public const string DirectoryName = "layer-cache";

    private string Root => Path.Combine(layout.RootPath, DirectoryName);

    public async Task<LayerCacheRecord?> FindByQuickKeyAsync(string quickKey, CancellationToken cancellationToken)
    {
        var contentKey = await ReadTextAsync(Path.Combine(Root, "quick", quickKey + ".json"), cancellationToken);
        return contentKey is null ? null : await FindByContentKeyAsync(contentKey.Trim(), cancellationToken);
    }

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

    public async Task PutAsync(string quickKey, string contentKey, LayerCacheRecord record, CancellationToken cancellationToken)
    {
        await WriteTextAsync(Path.Combine(Root, "content", contentKey + ".json"), JsonSerializer.Serialize(record, BuildingJsonContext.Default.LayerCacheRecord), cancellationToken);
        await RememberQuickKeyAsync(quickKey, contentKey, cancellationToken);
    }

    public Task RememberQuickKeyAsync(string quickKey, string contentKey, CancellationToken cancellationToken) =>
        WriteTextAsync(Path.Combine(Root, "quick", quickKey + ".json"), contentKey, cancellationToken);

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

    private async Task WriteTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        LayoutDirectories.Ensure(layout.RootPath, Path.GetDirectoryName(path)!);
        var bytes = Encoding.UTF8.GetBytes(text);
        await AtomicFile.WriteAsync(path, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken);
    }
}
