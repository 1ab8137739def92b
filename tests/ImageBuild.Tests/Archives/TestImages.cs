using System.IO.Compression;
using System.Text;
using ImageBuild.Oci;
using ZstdSharp;

namespace ImageBuild.Tests.Archives;

/// <summary>Assembles small real images (layer tars, configs, manifests, indexes) into a <see cref="DirectoryBlobStore"/>.</summary>
internal static class TestImages
{
    /// <summary>A single-platform image with one layer per file content, compressed as asked.</summary>
    public static async Task<Descriptor> AddImageAsync(
        DirectoryBlobStore store, LayerCompression compression, string architecture, params string[] layerContents)
    {
        var layers = new List<Descriptor>();
        var diffIds = new List<Digest>();
        for (var i = 0; i < layerContents.Length; i++)
        {
            var tar = TarFiles.Create(($"file{i}.txt", Encoding.UTF8.GetBytes(layerContents[i])));
            diffIds.Add(Digest.Compute(tar));
            layers.Add(await store.AddAsync(Compress(tar, compression), MediaTypes.LayerMediaType(compression, docker: false)));
        }

        var config = OciJson.Serialize(new ImageConfig
        {
            Architecture = architecture,
            Os = "linux",
            Created = "2024-01-02T03:04:05Z",
            Config = new ContainerConfig { Cmd = ["/bin/sh"], Env = ["PATH=/bin"] },
            RootFs = new RootFs { DiffIds = diffIds },
        });
        var configDescriptor = await store.AddAsync(config, MediaTypes.OciConfig);
        var manifest = OciJson.Serialize(new ImageManifest { MediaType = MediaTypes.OciManifest, Config = configDescriptor, Layers = layers });
        return await store.AddAsync(manifest, MediaTypes.OciManifest, new Platform { Os = "linux", Architecture = architecture });
    }

    public static async Task<Descriptor> AddIndexAsync(DirectoryBlobStore store, params Descriptor[] manifests)
    {
        var index = OciJson.Serialize(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = manifests });
        return await store.AddAsync(index, MediaTypes.OciIndex);
    }

    public static async Task<ImageManifest> ReadManifestAsync(DirectoryBlobStore store, Descriptor manifest) =>
        OciJson.ParseManifest(await File.ReadAllBytesAsync(store.BlobPath(manifest.Digest)));

    public static async Task<ImageConfig> ReadConfigAsync(DirectoryBlobStore store, ImageManifest manifest) =>
        OciJson.ParseConfig(await File.ReadAllBytesAsync(store.BlobPath(manifest.Config.Digest)));

    public static byte[] Compress(byte[] content, LayerCompression compression)
    {
        if (compression == LayerCompression.None)
        {
            return content;
        }

        using var output = new MemoryStream();
        using (Stream compressor = compression == LayerCompression.Gzip
            ? new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)
            : new CompressionStream(output, leaveOpen: true))
        {
            compressor.Write(content);
        }

        return output.ToArray();
    }
}
