using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Tests.Store;

/// <summary>
/// Writes small but complete images into a store: gzip layers, configs with created, labels and history,
/// manifests and indexes, so queries and maintenance run against real content.
/// </summary>
public sealed class ImageFactory(ImageStore store)
{
    public async Task<BuiltLayer> LayerAsync(int size = 512)
    {
        var content = RandomNumberGenerator.GetBytes(size);
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(content);
        }

        var blob = await store.Layout.WriteBytesAsync(compressed.ToArray(), MediaTypes.OciLayerGzip, CancellationToken.None);
        return new BuiltLayer(blob, Digest.Compute(content));
    }

    /// <summary>
    /// An image with <paramref name="freshLayers"/> new layers after <paramref name="sharedLayers"/>. Its history
    /// has one entry per layer plus an empty <c>CMD</c> step at the end, unless <paramref name="history"/> is given.
    /// </summary>
    public async Task<BuiltImage> ImageAsync(
        DateTimeOffset created,
        IReadOnlyDictionary<string, string>? labels = null,
        int freshLayers = 1,
        IReadOnlyList<BuiltLayer>? sharedLayers = null,
        string architecture = "amd64",
        IReadOnlyList<HistoryEntry>? history = null,
        IReadOnlyList<string>? env = null)
    {
        var layers = new List<BuiltLayer>(sharedLayers ?? []);
        for (var i = 0; i < freshLayers; i++)
        {
            layers.Add(await LayerAsync());
        }

        var createdText = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        history ??= [.. layers.Select((l, i) => new HistoryEntry { Created = createdText, CreatedBy = $"RUN step {i}" }),
            new HistoryEntry { Created = createdText, CreatedBy = "CMD [\"sh\"]", EmptyLayer = true }];
        var config = JsonBlobs.Config(new ImageConfig
        {
            Architecture = architecture,
            Os = "linux",
            Created = createdText,
            Config = new ContainerConfig { Labels = labels, Env = env ?? ["PATH=/usr/bin"], Cmd = ["sh"] },
            RootFs = new RootFs { DiffIds = layers.Select(l => l.DiffId).ToList() },
            History = history,
        });
        var configDescriptor = await store.Layout.WriteJsonAsync(config, CancellationToken.None);
        var manifest = JsonBlobs.Manifest(new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = configDescriptor,
            Layers = layers.Select(l => l.Blob).ToList(),
        });
        var manifestDescriptor = await store.Layout.WriteJsonAsync(manifest, CancellationToken.None);
        return new BuiltImage(manifestDescriptor, configDescriptor, layers, createdText);
    }

    /// <summary>A second manifest of <paramref name="image"/>'s config and layers, as a registry's copy of a loaded image is.</summary>
    public Task<Descriptor> ReManifestAsync(BuiltImage image) =>
        store.Layout.WriteJsonAsync(JsonBlobs.Manifest(new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = image.Config,
            Layers = image.Layers.Select(l => l.Blob).ToList(),
            Annotations = new Dictionary<string, string> { ["org.example.copy"] = "1" },
        }), CancellationToken.None);

    public Task<Descriptor> IndexAsync(params Descriptor[] children) =>
        store.Layout.WriteJsonAsync(JsonBlobs.Index(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = children }), CancellationToken.None);

    /// <summary>Tags <paramref name="image"/> with each full reference name.</summary>
    public async Task TagAsync(Descriptor image, params string[] refNames)
    {
        foreach (var refName in refNames)
        {
            await store.TagAsync(refName, image, CancellationToken.None);
        }
    }

    public static DateTimeOffset Day(int month, int day = 1) => new(2024, month, day, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
