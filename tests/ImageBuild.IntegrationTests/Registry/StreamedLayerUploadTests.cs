using System.Security.Cryptography;
using ImageBuild.Building;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Registry;
using ImageBuild.Store;
using ImageBuild.Transfers;

namespace ImageBuild.IntegrationTests.Registry;

/// <summary>
/// A build that pushes sends each new layer while it is compressed (one open-ended PATCH, then PUT ?digest=), so
/// the push after it finds the layer there and sends only the config and manifests; when the streamed upload
/// breaks, the push sends the layer itself and the build succeeds all the same.
/// </summary>
public sealed class StreamedLayerUploadTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-streamed-upload");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task New_layers_go_up_while_they_are_written_and_once()
    {
        using var transport = new RegistryTransport();
        var repository = "streamed/ok";

        var built = await BuildAsync(transport, repository, "ok");

        var client = transport.CreateClient(registry.Host);
        foreach (var layer in built.Images[0].Layers)
        {
            Assert.True(await client.HasBlobAsync(repository, layer.Digest, CancellationToken.None));
        }

        var requests = registry.Requests().Where(r => r.Target.StartsWith($"/v2/{repository}/", StringComparison.Ordinal)).ToList();
        var patches = requests.Where(r => r.Method == "PATCH").ToList();
        var committed = requests.Count(r => r.Method == "PUT" && r.Target.Contains("/blobs/uploads/", StringComparison.Ordinal) && r.Status == 201);
        Assert.Equal(2, patches.Count); // one streamed PATCH per new layer
        Assert.All(patches, p => Assert.Equal(202, p.Status));
        Assert.Equal(3, committed); // the two layers, then the config: nothing twice
        Assert.Equal((4, 0), (built.BlobsUploaded, built.BlobsSkipped)); // layers, config and manifest, as a push counts them
    }

    [Fact]
    public async Task A_broken_streamed_upload_is_sent_again_by_the_push()
    {
        // Fault injection: the first PATCH (a streamed layer) fails as a dropped connection would.
        var fault = new BrokenPatchHandler(breakPatchNumber: 1) { InnerHandler = RegistryTransport.CreateSocketsHandler() };
        using var transport = new RegistryTransport(new RegistryTransportOptions { PrimaryHandler = fault });
        var repository = "streamed/broken";

        var built = await BuildAsync(transport, repository, "broken");

        Assert.Equal(1, fault.Broken);
        var client = transport.CreateClient(registry.Host);
        foreach (var layer in built.Images[0].Layers)
        {
            Assert.True(await client.HasBlobAsync(repository, layer.Digest, CancellationToken.None));
        }

        var manifest = await client.GetManifestAsync(repository, "1", CancellationToken.None);
        Assert.Equal(built.Digest, manifest.Digest);
        Assert.Equal((4, 0), (built.BlobsUploaded, built.BlobsSkipped));
    }

    [Fact]
    public async Task Base_layers_are_mounted_while_the_new_ones_are_written()
    {
        using var transport = new RegistryTransport();
        var baseImage = await BuildAsync(transport, "streamed/base", "base");

        var built = await BuildAsync(transport, "streamed/onbase", "onbase", $"{registry.Host}/streamed/base:1");

        var baseLayers = baseImage.Images[0].Layers.Select(l => l.Digest.ToString()).ToList();
        var requests = registry.Requests().Where(r => r.Target.StartsWith("/v2/streamed/onbase/", StringComparison.Ordinal)).ToList();
        var mounts = requests.Where(r => r.Method == "POST" && r.Target.Contains("mount=", StringComparison.Ordinal)).ToList();

        // Each base layer was mounted before the push asked for it: the push found it there (HEAD 200) after the
        // mount, which ran while the new layers were made. Nothing else is offered a mount from the base's repository.
        foreach (var digest in baseLayers)
        {
            var mount = requests.FindIndex(r => r.Method == "POST" && r.Status == 201 && r.Target.Contains(Uri.EscapeDataString(digest), StringComparison.Ordinal));
            Assert.True(mount >= 0, $"{digest} was not mounted");
            Assert.Contains(requests.Skip(mount), r => r.Method == "HEAD" && r.Status == 200 && r.Target.EndsWith("/blobs/" + digest, StringComparison.Ordinal));
        }

        Assert.Equal(2, mounts.Count);
        Assert.All(mounts, m => Assert.Equal(201, m.Status));
        Assert.Equal(2, built.BlobsMounted);
    }

    /// <summary>Two new layers on <paramref name="from"/>: a folder of random (incompressible) bytes over several gzip chunks, and a small one.</summary>
    private async Task<BuildResult> BuildAsync(RegistryTransport transport, string repository, string name, string from = BaseImageSource.Scratch)
    {
        var store = await ImageStore.OpenAsync(temp.Combine($"store-{name}"), CancellationToken.None);
        var big = temp.CreateSubdirectory($"big-{name}");
        await File.WriteAllBytesAsync(Path.Combine(big, "data.bin"), RandomNumberGenerator.GetBytes(3 << 20));
        var small = temp.CreateSubdirectory($"small-{name}");
        await File.WriteAllTextAsync(Path.Combine(small, "app.txt"), name);
        var endpoints = new TransferEndpoints(r => transport.CreateClient(r.RegistryHost), _ => Task.FromResult(store));
        return await new ImageBuilder(store, endpoints).BuildAsync(
            new BuildPlan
            {
                Base = from,
                Layers = [LayerSpec.FromDirectory("big", big, "/data"), LayerSpec.FromDirectory("app", small, "/app")],
                Platforms = [Platform.LinuxAmd64],
                Tags = [$"{registry.Host}/{repository}:1"],
                Outputs = [BuildOutput.Registry],
            },
            CancellationToken.None);
    }
}
