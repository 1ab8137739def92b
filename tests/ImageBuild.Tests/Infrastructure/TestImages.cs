using System.Security.Cryptography;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Tests.Infrastructure;

/// <summary>An image <see cref="TestImages"/> wrote: its manifest, config and layer blobs.</summary>
public sealed record TestImage(Descriptor Manifest, Descriptor Config, IReadOnlyList<Descriptor> Layers)
{
    public IEnumerable<Digest> AllDigests => [Manifest.Digest, Config.Digest, .. Layers.Select(l => l.Digest)];
}

/// <summary>
/// Small images written into a real <see cref="OciLayout"/>. Two kinds: images of opaque blobs of exact sizes,
/// fresh on every call, for tests that count, reach and size blobs; and images of real layer tars whose
/// diff_ids match, the same for the same contents, for tests that move images between formats.
/// </summary>
public static class TestImages
{
    /// <summary>An opaque blob of exactly <paramref name="size"/> random bytes, labelled as a gzip layer.</summary>
    public static async Task<Descriptor> WriteLayerAsync(OciLayout layout, int size = 1024)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        return await layout.WriteBytesAsync(bytes, MediaTypes.OciLayerGzip, CancellationToken.None);
    }

    /// <summary>Writes an image with fresh opaque layers after <paramref name="sharedLayers"/> (already in the layout).</summary>
    public static async Task<TestImage> WriteImageAsync(
        OciLayout layout, int freshLayers = 1, IReadOnlyList<Descriptor>? sharedLayers = null, string architecture = "amd64")
    {
        var layers = new List<Descriptor>(sharedLayers ?? []);
        for (var i = 0; i < freshLayers; i++)
        {
            layers.Add(await WriteLayerAsync(layout));
        }

        var config = new ImageConfig
        {
            Architecture = architecture,
            Os = "linux",
            Created = ImageConfig.FormatTime(DateTimeOffset.UtcNow),
            RootFs = new RootFs { DiffIds = layers.Select(l => l.Digest).ToList() },
            History = [new HistoryEntry { CreatedBy = Guid.NewGuid().ToString() }],
        };
        return await WriteManifestAsync(layout, config, layers);
    }

    /// <summary>
    /// A single-platform image with one real layer tar per file content, compressed as asked. Returns the
    /// manifest descriptor with its platform, as an index would list it.
    /// </summary>
    public static async Task<Descriptor> WriteImageAsync(
        OciLayout layout, LayerCompression compression, string architecture, params string[] layerContents)
    {
        var layers = new List<Descriptor>();
        var diffIds = new List<Digest>();
        for (var i = 0; i < layerContents.Length; i++)
        {
            var tar = new TestTar().File($"file{i}.txt", layerContents[i]).ToArray();
            diffIds.Add(Digest.Compute(tar));
            layers.Add(await layout.WriteBytesAsync(TestCompression.Compress(tar, compression), MediaTypes.LayerMediaType(compression, docker: false), CancellationToken.None));
        }

        var config = new ImageConfig
        {
            Architecture = architecture,
            Os = "linux",
            Created = "2024-01-02T03:04:05Z",
            Config = new ContainerConfig { Cmd = ["/bin/sh"], Env = ["PATH=/bin"] },
            RootFs = new RootFs { DiffIds = diffIds },
        };
        var image = await WriteManifestAsync(layout, config, layers);
        return ForPlatform(image.Manifest, architecture);
    }

    public static async Task<Descriptor> WriteIndexAsync(OciLayout layout, params Descriptor[] children)
    {
        var index = JsonBlobs.Index(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = children });
        return await layout.WriteJsonAsync(index, CancellationToken.None);
    }

    public static Descriptor ForPlatform(Descriptor manifest, string architecture) =>
        manifest with { Platform = new Platform { Os = "linux", Architecture = architecture } };

    public static async Task<ImageManifest> ReadManifestAsync(OciLayout layout, Descriptor manifest) =>
        OciJson.ParseManifest(await File.ReadAllBytesAsync(layout.BlobPath(manifest.Digest)));

    public static async Task<ImageConfig> ReadConfigAsync(OciLayout layout, ImageManifest manifest) =>
        OciJson.ParseConfig(await File.ReadAllBytesAsync(layout.BlobPath(manifest.Config.Digest)));

    public static IEnumerable<string> BlobFiles(OciLayout layout) =>
        Directory.Exists(Path.Combine(layout.RootPath, "blobs"))
            ? Directory.EnumerateFiles(Path.Combine(layout.RootPath, "blobs"), "*", SearchOption.AllDirectories)
            : [];

    private static async Task<TestImage> WriteManifestAsync(OciLayout layout, ImageConfig config, IReadOnlyList<Descriptor> layers)
    {
        var configDescriptor = await layout.WriteJsonAsync(JsonBlobs.Config(config), CancellationToken.None);
        var manifest = JsonBlobs.Manifest(new ImageManifest { MediaType = MediaTypes.OciManifest, Config = configDescriptor, Layers = layers });
        var manifestDescriptor = await layout.WriteJsonAsync(manifest, CancellationToken.None);
        return new TestImage(manifestDescriptor, configDescriptor, layers);
    }
}
