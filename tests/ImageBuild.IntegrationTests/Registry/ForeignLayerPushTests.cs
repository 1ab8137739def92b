using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Store;
using ImageBuild.Transfers;

namespace ImageBuild.IntegrationTests.Registry;

/// <summary>
/// A push walks the image with the same missing-blob policy as copy, save and the store check: a foreign layer
/// (fetched from its urls) that the store lacks is left out, and the real registry takes the manifest that names
/// it (distribution checks a foreign layer's urls against its allow list, which <see cref="RegistryFixture"/> sets,
/// instead of looking for the blob).
/// </summary>
public sealed class ForeignLayerPushTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly RegistryTransport transport = new();
    private readonly TempDirectory work = TempDirectory.Create("imagebuild-foreign-push");

    public void Dispose()
    {
        transport.Dispose();
        work.Dispose();
    }

    [Fact]
    public async Task A_foreign_layer_the_store_lacks_is_left_out_of_the_push()
    {
        var store = await ImageStore.OpenAsync(work.Combine("store"), CancellationToken.None);
        var own = TestImage.Create(layers: 1);
        var layer = await store.Layout.WriteBytesAsync(own.Blobs[own.Layers[0].Digest], MediaTypes.DockerLayerGzip, CancellationToken.None);
        var (foreignBytes, _) = TestImage.RandomBlob(512);
        var foreign = new Descriptor
        {
            MediaType = MediaTypes.DockerLayerForeignGzip,
            Digest = Digest.Compute(foreignBytes),
            Size = foreignBytes.Length,
            Urls = ["https://layers.example.com/foreign.tar.gz"],
        };
        var ownDiffIds = OciJson.ParseConfig(own.Blobs[own.Config.Digest]).RootFs.DiffIds;
        var configJson = JsonBlobs.Config(new ImageConfig
        {
            Architecture = "amd64",
            Os = "linux",
            RootFs = new RootFs { DiffIds = [Digest.Compute(foreignBytes), .. ownDiffIds] },
        });
        var config = await store.Layout.WriteBytesAsync(configJson.Bytes, MediaTypes.DockerConfig, CancellationToken.None);
        var manifest = await store.Layout.WriteJsonAsync(
            JsonBlobs.Manifest(new ImageManifest { MediaType = MediaTypes.DockerManifest, Config = config, Layers = [foreign, layer] }),
            CancellationToken.None);
        var reference = ImageReference.Parse($"{registry.Host}/foreign/app:1");
        await store.TagAsync(reference.ToString(), manifest, CancellationToken.None);
        var client = transport.CreateClient(registry.Host);

        var pushed = Assert.Single(await new ImagePusher(store, _ => client).PushAsync(reference, allTags: false, TransferOptions.Default, CancellationToken.None));

        // Children first, as the walk lists them; the foreign layer is not among them.
        Assert.Equal([config.Digest, layer.Digest, manifest.Digest], pushed.Blobs.Select(b => b.Descriptor.Digest));
        Assert.Equal(manifest.Digest, (await client.GetManifestAsync(reference.Repository, reference.Tag!, CancellationToken.None)).Digest);
    }
}
