using System.Text;
using System.Text.Json;
using ImageBuild.IO;

namespace ImageBuild.Store;

/// <summary>
/// Remembers which compressed blob a layer's inputs gave, as side files in the store
/// (<c>layer-cache/content/&lt;key&gt;.json</c>, and <c>layer-cache/quick/&lt;key&gt;.json</c>,
/// <c>layer-cache/identity/&lt;key&gt;.json</c> and <c>layer-cache/shape/&lt;key&gt;.json</c> pointing at a content key),
/// so a layer whose inputs did not change is reused without tarring or compressing. A record whose blob
/// the store no longer holds (pruned) is a miss. The blobs of the records are kept by garbage collection
/// until <c>cache prune</c> forgets the records.
/// </summary>
public sealed class LayerCache(OciLayout layout)
{
    public const string DirectoryName = "layer-cache";

    private const string Extension = ".json";

    private static readonly string[] PointerKinds = ["quick", "identity", "shape"];

    private string Root => Path.Combine(layout.RootPath, DirectoryName);

    private string ContentFolder => Path.Combine(Root, "content");

    /// <summary>The content key a quick key points at and its record, or null.</summary>
    public Task<(string ContentKey, LayerCacheRecord Record)?> FindByQuickKeyAsync(string quickKey, CancellationToken cancellationToken = default) =>
        FindByPointerAsync("quick", quickKey, cancellationToken);

    /// <summary>The content key an identity key points at and its record, or null.</summary>
    public Task<(string ContentKey, LayerCacheRecord Record)?> FindByIdentityKeyAsync(string identityKey, CancellationToken cancellationToken = default) =>
        FindByPointerAsync("identity", identityKey, cancellationToken);

    public async Task<LayerCacheRecord?> FindByContentKeyAsync(string contentKey, CancellationToken cancellationToken = default)
    {
        var record = IsKey(contentKey) ? await ReadRecordAsync(Path.Combine(ContentFolder, contentKey + Extension), cancellationToken) : null;

        // A hit renews the blob's time, as the build is about to reference it again.
        return record is not null && layout.HasBlob(record.ToDescriptor(), markUsed: true) ? record : null;
    }

    public Task PutAsync(string contentKey, LayerCacheRecord record, CancellationToken cancellationToken = default) =>
        WriteTextAsync(Path.Combine(ContentFolder, contentKey + Extension), JsonSerializer.Serialize(record, StoreJsonContext.Default.LayerCacheRecord), cancellationToken);

    public Task RememberQuickKeyAsync(string quickKey, string contentKey, CancellationToken cancellationToken = default) =>
        WriteTextAsync(Path.Combine(Root, "quick", quickKey + Extension), contentKey, cancellationToken);

    /// <summary>Whether a layer of this shape was cached (<see cref="RememberShapeKeyAsync"/>); its record may be gone since.</summary>
    public bool HasShapeKey(string shapeKey) => IsKey(shapeKey) && File.Exists(Path.Combine(Root, "shape", shapeKey + Extension));

    public Task RememberShapeKeyAsync(string shapeKey, string contentKey, CancellationToken cancellationToken = default) =>
        WriteTextAsync(Path.Combine(Root, "shape", shapeKey + Extension), contentKey, cancellationToken);

    public Task RememberIdentityKeyAsync(string identityKey, string contentKey, CancellationToken cancellationToken = default) =>
        WriteTextAsync(Path.Combine(Root, "identity", identityKey + Extension), contentKey, cancellationToken);

    /// <summary>Every readable record with its content key; damaged ones are left out (they only cost a rebuild).</summary>
    public async Task<IReadOnlyList<(string ContentKey, LayerCacheRecord Record)>> ListAsync(CancellationToken cancellationToken = default)
    {
        var records = new List<(string, LayerCacheRecord)>();
        if (!Directory.Exists(ContentFolder))
        {
            return records;
        }

        foreach (var file in Directory.EnumerateFiles(ContentFolder, "*" + Extension))
        {
            var key = Path.GetFileNameWithoutExtension(file);
            if (IsKey(key) && await ReadRecordAsync(file, cancellationToken) is { } record)
            {
                records.Add((key, record));
            }
        }

        return records;
    }

    /// <summary>Deletes the records of <paramref name="contentKeys"/> and every quick or identity key that leads to no record any more.</summary>
    public async Task ForgetAsync(IReadOnlyCollection<string> contentKeys, CancellationToken cancellationToken = default)
    {
        foreach (var key in contentKeys)
        {
            IngestFiles.TryDelete(Path.Combine(ContentFolder, key + Extension));
        }

        foreach (var folder in PointerKinds.Select(kind => Path.Combine(Root, kind)).Where(Directory.Exists))
        {
            foreach (var pointer in Directory.EnumerateFiles(folder, "*" + Extension))
            {
                var target = (await ReadTextAsync(pointer, cancellationToken))?.Trim();
                if (target is null || !File.Exists(Path.Combine(ContentFolder, target + Extension)))
                {
                    IngestFiles.TryDelete(pointer);
                }
            }
        }
    }

    private async Task<(string ContentKey, LayerCacheRecord Record)?> FindByPointerAsync(string kind, string key, CancellationToken cancellationToken)
    {
        var contentKey = (await ReadTextAsync(Path.Combine(Root, kind, key + Extension), cancellationToken))?.Trim();
        return contentKey is not null && await FindByContentKeyAsync(contentKey, cancellationToken) is { } record ? (contentKey, record) : null;
    }

    private static bool IsKey(string key) => key.Length == 64 && key.All(char.IsAsciiHexDigitLower);

    private static async Task<LayerCacheRecord?> ReadRecordAsync(string path, CancellationToken cancellationToken)
    {
        if (await ReadTextAsync(path, cancellationToken) is not { } json)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, StoreJsonContext.Default.LayerCacheRecord);
        }
        catch (JsonException)
        {
            // A damaged record only costs a rebuild, which rewrites it.
            return null;
        }
    }

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
