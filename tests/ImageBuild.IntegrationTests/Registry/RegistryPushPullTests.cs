using System.Text.Json;
using ImageBuild.Content;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Registry;

namespace ImageBuild.IntegrationTests.Registry;

/// <summary>The client against a real distribution registry, with skopeo as the independent judge of what it pushed and the source of what it pulls.</summary>
public sealed class RegistryPushPullTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly RegistryTransport transport = new();
    private readonly TempDirectory work = TempDirectory.Create("imagebuild-registry-it");

    private RegistryClient Client => transport.CreateClient(registry.Host);

    public void Dispose()
    {
        transport.Dispose();
        work.Dispose();
    }

    [Fact]
    public async Task PushedImageIsReadBySkopeo()
    {
        var image = TestImage.Create();
        await PushAsync(image, "pushed", "1.0");

        var inspect = await Skopeo("inspect", "--tls-verify=false", $"docker://{registry.Host}/pushed:1.0");
        using var json = JsonDocument.Parse(inspect.StandardOutput);
        Assert.Equal(image.Manifest.Digest.ToString(), json.RootElement.GetProperty("Digest").GetString());
        Assert.Equal(image.Layers.Select(l => l.Digest.ToString()), json.RootElement.GetProperty("Layers").EnumerateArray().Select(e => e.GetString()));

        var layout = work.Combine("copy");
        await Skopeo("copy", "--src-tls-verify=false", $"docker://{registry.Host}/pushed:1.0", $"oci:{layout}:1.0");
        using var index = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(layout, "index.json")));
        Assert.Equal(image.Manifest.Digest.ToString(), index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString());
        foreach (var digest in image.Blobs.Digests)
        {
            Assert.Equal(image.Blobs[digest], await File.ReadAllBytesAsync(Path.Combine(layout, "blobs", "sha256", digest.Hex)));
        }
    }

    [Fact]
    public async Task ImagePushedBySkopeoPullsWithIdenticalDigests()
    {
        var image = TestImage.Create(layers: 3);
        var layout = WriteLayout(image, "2.0");
        var digestFile = work.Combine("digest");
        await Skopeo("copy", "--dest-tls-verify=false", "--digestfile", digestFile, $"oci:{layout}:2.0", $"docker://{registry.Host}/from-skopeo:2.0");
        var pushedDigest = Digest.Parse((await File.ReadAllTextAsync(digestFile)).Trim());

        var manifest = await Client.GetManifestAsync("from-skopeo", "2.0", CancellationToken.None);
        Assert.Equal(pushedDigest, manifest.Digest);
        Assert.Equal(image.Manifest.Digest, manifest.Digest);
        Assert.Equal(MediaTypes.OciManifest, manifest.MediaType);

        var pulled = new MemoryBlobStore();
        var summary = await new ContentCopier(Client.Repository("from-skopeo"), pulled).CopyAsync(manifest.ToDescriptor(), cancellationToken: CancellationToken.None);
        Assert.Equal(5, summary.BlobsCopied);
        Assert.Equal(image.Blobs.Digests.Select(d => d.ToString()).Order(), pulled.Digests.Select(d => d.ToString()).Order());
        foreach (var digest in image.Blobs.Digests)
        {
            Assert.Equal(image.Blobs[digest], pulled[digest]);
        }
    }

    [Fact]
    public async Task ManifestByTagByDigestAndHead()
    {
        var image = TestImage.Create();
        await PushAsync(image, "lookup", "v1");

        var byTag = await Client.GetManifestAsync("lookup", "v1", CancellationToken.None);
        var byDigest = await Client.GetManifestAsync("lookup", image.Manifest.Digest, CancellationToken.None);
        Assert.Equal(image.ManifestBytes, byTag.Bytes);
        Assert.Equal(image.ManifestBytes, byDigest.Bytes);
        Assert.Equal(image.Manifest.Digest, byTag.Digest);

        var head = await Client.HeadManifestAsync("lookup", "v1", CancellationToken.None);
        Assert.Equal(image.Manifest.Digest, head!.Digest);
        Assert.Equal(image.Manifest.Size, head.Size);
        Assert.Equal(MediaTypes.OciManifest, head.MediaType);
        Assert.Null(await Client.HeadManifestAsync("lookup", "missing", CancellationToken.None));
        Assert.True(await Client.HasBlobAsync("lookup", image.Layers[0].Digest, CancellationToken.None));
        Assert.False(await Client.HasBlobAsync("lookup", TestImage.RandomBlob(16).Descriptor.Digest, CancellationToken.None));
        Assert.Contains(registry.Requests(), r => r is { Method: "HEAD", Status: 200 } && r.Target == "/v2/lookup/manifests/v1");
    }

    [Fact]
    public async Task AcceptHeaderBringsAnIndexBackAsAnIndex()
    {
        var image = TestImage.Create();
        await PushAsync(image, "multi", "image");
        var index = JsonBlobs.Index(new ImageIndex
        {
            MediaType = MediaTypes.OciIndex,
            Manifests = [image.Manifest with { Platform = new Platform { Os = "linux", Architecture = "amd64" } }],
        });
        var digest = await Client.PutManifestAsync("multi", "list", index.Bytes, MediaTypes.OciIndex, CancellationToken.None);

        var fetched = await Client.GetManifestAsync("multi", "list", CancellationToken.None);
        Assert.Equal(MediaTypes.OciIndex, fetched.MediaType);
        Assert.Equal(index.Digest, digest);
        Assert.Equal(index.Bytes.ToArray(), fetched.Bytes);
    }

    [Fact]
    public async Task CopierPushesThroughTheSinkAndSkipsWhatIsThere()
    {
        var image = TestImage.Create(layers: 3);
        var sink = new RegistryBlobSink(Client, "copied");
        var first = await new ContentCopier(image.Blobs, sink).CopyAsync(image.Manifest, cancellationToken: CancellationToken.None);
        await Client.PutManifestAsync("copied", "latest", image.ManifestBytes, MediaTypes.OciManifest, CancellationToken.None);
        var again = await new ContentCopier(image.Blobs, sink).CopyAsync(image.Manifest, cancellationToken: CancellationToken.None);

        Assert.Equal(5, first.BlobsCopied);
        Assert.Equal(0, again.BlobsCopied);
        Assert.Equal(image.Manifest.Digest, (await Client.HeadManifestAsync("copied", "latest", CancellationToken.None))!.Digest);
    }

    [Fact]
    public async Task CopiesBetweenTwoRegistries()
    {
        var image = TestImage.Create();
        await PushAsync(image, "origin", "1");
        await using var second = await RegistryFixture.StartAsync();
        var target = transport.CreateClient(second.Host);

        var root = await Client.HeadManifestAsync("origin", "1", CancellationToken.None);
        await new ContentCopier(Client.Repository("origin"), new RegistryBlobSink(target, "mirror")).CopyAsync(root!, cancellationToken: CancellationToken.None);
        var copied = await target.GetManifestAsync("mirror", image.Manifest.Digest, CancellationToken.None);

        Assert.Equal(image.ManifestBytes, copied.Bytes);
        Assert.True(await target.HasBlobAsync("mirror", image.Config.Digest, CancellationToken.None));
    }

    internal async Task PushAsync(TestImage image, string repository, string tag)
    {
        foreach (var blob in image.Layers.Append(image.Config))
        {
            using var content = new MemoryStream(image.Blobs[blob.Digest]);
            Assert.Equal(blob.Digest, await Client.UploadBlobAsync(repository, blob, content, CancellationToken.None));
        }

        Assert.Equal(image.Manifest.Digest, await Client.PutManifestAsync(repository, tag, image.ManifestBytes, MediaTypes.OciManifest, CancellationToken.None));
    }

    private string WriteLayout(TestImage image, string tag)
    {
        var layout = work.CreateSubdirectory("layout");
        Directory.CreateDirectory(Path.Combine(layout, "blobs", "sha256"));
        foreach (var digest in image.Blobs.Digests)
        {
            File.WriteAllBytes(Path.Combine(layout, "blobs", "sha256", digest.Hex), image.Blobs[digest]);
        }

        File.WriteAllText(Path.Combine(layout, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        var entry = image.Manifest with { Annotations = new Dictionary<string, string> { [Annotations.RefName] = tag } };
        File.WriteAllBytes(Path.Combine(layout, "index.json"), OciJson.Serialize(new ImageIndex { Manifests = [entry] }));
        return layout;
    }

    private static async Task<ProcessResult> Skopeo(params string[] arguments) =>
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, arguments)).EnsureSuccess();
}
