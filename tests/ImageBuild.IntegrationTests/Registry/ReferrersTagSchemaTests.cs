using System.Text;
using ImageBuild.Building;
using ImageBuild.Content;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Registry;
using ImageBuild.Sbom;
using ImageBuild.Store;
using ImageBuild.Transfers;

namespace ImageBuild.IntegrationTests.Registry;

/// <summary>
/// The referrers tag schema against distribution 2.8 (no referrers API): a new referrer is added to the subject's
/// <c>sha256-HEX</c> index without losing those already listed, and one already listed is not written again.
/// </summary>
public sealed class ReferrersTagSchemaTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly RegistryTransport transport = new();
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-referrers-tag");

    [Fact]
    public async Task A_second_referrer_joins_the_first_in_the_referrers_tag()
    {
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);
        var app = temp.CreateSubdirectory("app");
        await File.WriteAllTextAsync(Path.Combine(app, "file.txt"), "content");
        var reference = $"{registry.Host}/tagged/app:1";
        var endpoints = new TransferEndpoints(r => transport.CreateClient(r.RegistryHost), _ => Task.FromResult(store));
        var built = await new ImageBuilder(store, endpoints).BuildAsync(
            new BuildPlan
            {
                Layers = [LayerSpec.FromDirectory("app", app, "/app")],
                Platforms = [Platform.LinuxAmd64],
                Tags = [reference],
                Outputs = [BuildOutput.Registry],
                Sbom = new SbomInputs(),
            },
            CancellationToken.None);
        var client = transport.CreateClient(registry.Host);
        var subject = await client.HeadManifestAsync("tagged/app", "1", CancellationToken.None);
        var first = Assert.Single((await client.ListReferrersAsync("tagged/app", built.Digest, CancellationToken.None)).Manifests);

        var signature = SbomArtifact.Create(Encoding.UTF8.GetBytes("a second document about the same image"), subject!, DateTimeOffset.UnixEpoch);
        await store.Layout.WriteBytesAsync(signature.Document, SbomArtifact.MediaType, CancellationToken.None);
        await store.Layout.WriteJsonAsync(signature.Manifest, CancellationToken.None);
        await new ContentCopier(store.Layout, new RegistryBlobSink(client, "tagged/app")).CopyAsync(signature.Manifest.ToDescriptor(), cancellationToken: CancellationToken.None);
        var added = await client.AddReferrersAsync("tagged/app", built.Digest, [signature.Referrer.Descriptor], CancellationToken.None);
        var again = await client.AddReferrersAsync("tagged/app", built.Digest, [signature.Referrer.Descriptor, first], CancellationToken.None);

        Assert.True(added);
        Assert.False(again);
        var listed = await client.ListReferrersAsync("tagged/app", built.Digest, CancellationToken.None);
        Assert.False(listed.FromApi);
        Assert.Equal([first.Digest, signature.Manifest.Digest], listed.Manifests.Select(m => m.Digest));
        var tag = await client.GetManifestAsync("tagged/app", RegistryClient.ReferrersTag(built.Digest), CancellationToken.None);
        Assert.Equal(2, OciJson.ParseIndex(tag.Bytes).Manifests.Count);
    }

    public void Dispose()
    {
        transport.Dispose();
        temp.Dispose();
    }
}
