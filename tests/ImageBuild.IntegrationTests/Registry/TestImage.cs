using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using ImageBuild.Oci;
using ImageBuild.Registry;

namespace ImageBuild.IntegrationTests.Registry;

/// <summary>A small image assembled in code: gzip tar layers with one file each, a config naming their diff IDs, a manifest.</summary>
internal sealed record TestImage(MemoryBlobStore Blobs, Descriptor Manifest, Descriptor Config, IReadOnlyList<Descriptor> Layers)
{
    public byte[] ManifestBytes => Blobs[Manifest.Digest];

    public static TestImage Create(int layers = 2, string? marker = null, string architecture = "amd64")
    {
        var blobs = new MemoryBlobStore();
        var diffIds = new List<Digest>();
        var layerDescriptors = new List<Descriptor>();
        marker ??= Guid.NewGuid().ToString("N");
        for (var i = 0; i < layers; i++)
        {
            var tar = Tar($"layer{i}.txt", $"layer {i} of image {marker}\n");
            diffIds.Add(Digest.Compute(tar));
            layerDescriptors.Add(blobs.Add(Gzip(tar), MediaTypes.OciLayerGzip));
        }

        var config = JsonBlobs.Config(new ImageConfig
        {
            Architecture = architecture,
            Os = "linux",
            RootFs = new RootFs { DiffIds = diffIds },
        });
        var configDescriptor = blobs.Add(config.Bytes.ToArray(), MediaTypes.OciConfig);
        var manifest = JsonBlobs.Manifest(new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = configDescriptor,
            Layers = layerDescriptors,
        });
        var manifestDescriptor = blobs.Add(manifest.Bytes.ToArray(), MediaTypes.OciManifest);
        return new TestImage(blobs, manifestDescriptor, configDescriptor, layerDescriptors);
    }

    /// <summary>Uploads the config and layers, then the manifest under <paramref name="tag"/>.</summary>
    public async Task PushAsync(RegistryClient client, string repository, string tag)
    {
        foreach (var blob in Layers.Append(Config))
        {
            using var content = new MemoryStream(Blobs[blob.Digest]);
            await client.UploadBlobAsync(repository, blob, content, CancellationToken.None);
        }

        await client.PutManifestAsync(repository, tag, ManifestBytes, MediaTypes.OciManifest, CancellationToken.None);
    }

    /// <summary>Random bytes of a given size, as an incompressible "layer" for upload tests.</summary>
    public static (byte[] Bytes, Descriptor Descriptor) RandomBlob(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        return (bytes, new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Compute(bytes), Size = size });
    }

    private static byte[] Tar(string name, string content)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                ModificationTime = DateTimeOffset.UnixEpoch,
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            writer.WriteEntry(entry);
        }

        return output.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
