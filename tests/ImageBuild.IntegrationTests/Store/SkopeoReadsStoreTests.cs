using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.IntegrationTests.Store;

/// <summary>The store is a plain OCI layout: the standard tools read its tags and content directly.</summary>
public sealed class SkopeoReadsStoreTests : IDisposable
{
    private const string RefName = "localhost:5000/apps/web:1.0";
    private const string FileText = "hello from the store\n";

    private readonly TempDirectory root = TempDirectory.Create("imagebuild-store-it");

    public void Dispose() => root.Dispose();

    [Fact]
    public async Task Skopeo_inspects_a_tag_of_the_store()
    {
        var (store, manifest, layer) = await StoreTinyImageAsync();

        var output = JsonNode.Parse(await ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "inspect", $"oci:{store.Layout.RootPath}:{RefName}"))!;

        Assert.Equal(manifest.Digest.ToString(), (string?)output["Digest"]);
        Assert.Equal(layer.Digest.ToString(), (string?)output["Layers"]![0]);
        Assert.Equal("linux", (string?)output["Os"]);
        Assert.Equal("amd64", (string?)output["Architecture"]);
    }

    [Fact]
    public async Task Umoci_unpacks_a_tag_of_the_store()
    {
        var (store, _, _) = await StoreTinyImageAsync();
        var bundle = root.Combine("bundle");

        await ProcessRunner.OutputOfAsync(Tools.Umoci.Path, "unpack", "--rootless", "--image", $"{store.Layout.RootPath}:{RefName}", bundle);

        Assert.Equal(FileText, await File.ReadAllTextAsync(Path.Combine(bundle, "rootfs", "app", "hello.txt")));
    }

    private async Task<(ImageStore Store, Descriptor Manifest, Descriptor Layer)> StoreTinyImageAsync()
    {
        var store = await ImageStore.OpenAsync(root.Combine("store"), CancellationToken.None);
        var (tar, gzip) = TarOfOneFile();
        var layer = await store.Layout.WriteBytesAsync(gzip, MediaTypes.OciLayerGzip, CancellationToken.None);
        var config = await store.Layout.WriteJsonAsync(JsonBlobs.Config(new ImageConfig
        {
            Architecture = "amd64",
            Os = "linux",
            RootFs = new RootFs { DiffIds = [Digest.Compute(tar)] },
            History = [new HistoryEntry { CreatedBy = "test: one file" }],
        }), CancellationToken.None);
        var manifest = await store.Layout.WriteJsonAsync(JsonBlobs.Manifest(new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = config,
            Layers = [layer],
        }), CancellationToken.None);
        await store.TagAsync(RefName, manifest, CancellationToken.None);
        return (store, manifest, layer);
    }

    private static (byte[] Tar, byte[] Gzip) TarOfOneFile()
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "app/") { Mode = (UnixFileMode)0b111_101_101 });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "app/hello.txt")
            {
                Mode = (UnixFileMode)0b110_100_100,
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(FileText)),
            });
        }

        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(tar.ToArray());
        }

        return (tar.ToArray(), compressed.ToArray());
    }
}
