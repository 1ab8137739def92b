using System.Security.Cryptography;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Tests.Store;

/// <summary>Small images written into a layout: random layer bytes, a config naming them, a manifest.</summary>
public sealed record TestImage(Descriptor Manifest, Descriptor Config, IReadOnlyList<Descriptor> Layers)
{
    public IEnumerable<Digest> AllDigests => [Manifest.Digest, Config.Digest, .. Layers.Select(l => l.Digest)];
}

public static class TestImages
{
    public static async Task<Descriptor> WriteLayerAsync(OciLayout layout, int size = 1024)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        return await layout.WriteBytesAsync(bytes, MediaTypes.OciLayerGzip, CancellationToken.None);
    }

    /// <summary>Writes an image with fresh layers plus <paramref name="sharedLayers"/> (already in the layout).</summary>
    public static async Task<TestImage> WriteImageAsync(
        OciLayout layout, int freshLayers = 1, IReadOnlyList<Descriptor>? sharedLayers = null, string architecture = "amd64")
    {
        var layers = new List<Descriptor>(sharedLayers ?? []);
        for (var i = 0; i < freshLayers; i++)
        {
            layers.Add(await WriteLayerAsync(layout));
        }

        var config = JsonBlobs.Config(new ImageConfig
        {
            Architecture = architecture,
            Os = "linux",
            Created = ImageConfig.FormatTime(DateTimeOffset.UtcNow),
            RootFs = new RootFs { DiffIds = layers.Select(l => l.Digest).ToList() },
            History = [new HistoryEntry { CreatedBy = Guid.NewGuid().ToString() }],
        });
        var configDescriptor = await layout.WriteJsonAsync(config, CancellationToken.None);
        var manifest = JsonBlobs.Manifest(new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = configDescriptor,
            Layers = layers,
        });
        var manifestDescriptor = await layout.WriteJsonAsync(manifest, CancellationToken.None);
        return new TestImage(manifestDescriptor, configDescriptor, layers);
    }

    public static async Task<Descriptor> WriteIndexAsync(OciLayout layout, params Descriptor[] children)
    {
        var index = JsonBlobs.Index(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = children });
        return await layout.WriteJsonAsync(index, CancellationToken.None);
    }

    public static Descriptor ForPlatform(Descriptor manifest, string architecture) =>
        manifest with { Platform = new Platform { Os = "linux", Architecture = architecture } };

    public static IEnumerable<string> BlobFiles(OciLayout layout) =>
        Directory.Exists(Path.Combine(layout.RootPath, "blobs"))
            ? Directory.EnumerateFiles(Path.Combine(layout.RootPath, "blobs"), "*", SearchOption.AllDirectories)
            : [];
}
