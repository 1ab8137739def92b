using System.Diagnostics;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Registry.Resilience;
using ImageBuild.Store;
using ImageBuild.Store.Maintenance;
using ImageBuild.Transfers;
using Xunit.Abstractions;

namespace ImageBuild.IntegrationTests.Registry;

/// <summary>
/// Pushes and pulls of fresh two-platform images, from and into real stores, through a proxy that breaks a
/// quarter (then two fifths) of all requests in every way it can: 500, 503, 429 with Retry-After, resets, cut and
/// stalled answers after the registry acted. Every push and pull must succeed, the registry must hold no tag whose
/// content is incomplete, and every store must verify.
/// </summary>
public sealed class RegistryFaultTests(RegistryFixture registry, ITestOutputHelper output) : IClassFixture<RegistryFixture>
{
    private const int Runs = 20;

    // Fast backoff and short timeouts (headers, and a body's silence) keep the run modest; the retry count is what
    // --retries 12 gives.
    private static readonly RetryOptions Retry = new()
    {
        MaxRetries = 12,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromSeconds(1),
        AttemptTimeout = TimeSpan.FromMilliseconds(400),
        MaxTotalTime = TimeSpan.FromSeconds(60),
    };

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.40)]
    public async Task Every_push_and_pull_of_fresh_content_succeeds_through_a_faulty_network(double faultRate)
    {
        var clock = Stopwatch.StartNew();
        await using var proxy = new FaultInjectingProxy(registry.Host, seed: (int)(faultRate * 100), faultRate, stall: TimeSpan.FromSeconds(1));
        var retry = new RetryHandler(Retry);
        using var transport = new RegistryTransport(new RegistryTransportOptions
        {
            AdditionalHandlers = () => [retry],
            BodyReadTimeout = Retry.AttemptTimeout,
            ClientOptions = new RegistryClientOptions { Retry = Retry },
        });
        var client = transport.CreateClient(proxy.Host);
        using var temp = TempDirectory.Create("imagebuild-faults");

        for (var run = 0; run < Runs; run++)
        {
            var reference = ImageReference.Parse($"{proxy.Host}/faults{(int)(faultRate * 100)}/run{run}:1");
            var source = await ImageStore.OpenAsync(temp.Combine($"source{run}"), CancellationToken.None);
            var (index, manifests) = await WriteTwoPlatformImageAsync(source, reference.ToString());

            var pushed = await new ImagePusher(source, _ => client).PushAsync(reference, allTags: false, TransferOptions.Default, CancellationToken.None);
            Assert.Equal(index.Digest, Assert.Single(pushed).Root.Digest);
            await AssertRegistryHoldsAsync(reference, index, manifests);

            // Half the pulls take the whole index, half one platform chosen from it.
            var target = await ImageStore.OpenAsync(temp.Combine($"target{run}"), CancellationToken.None);
            var options = run % 2 == 0 ? TransferOptions.Default with { AllPlatforms = true } : TransferOptions.Default with { Platform = Platform.Parse("linux/arm64") };
            var pulled = await new ImagePuller(target, _ => client).PullAsync(reference, options, CancellationToken.None);
            Assert.Equal(run % 2 == 0 ? index.Digest : manifests[1].Digest, pulled.Stored.Digest);
            Assert.Empty(await StoreChecker.CheckAsync(target, CancellationToken.None));
        }

        var counts = proxy.Counts;
        output.WriteLine(
            $"{faultRate:P0} faults: {Runs} pushes and {Runs} pulls succeeded in {clock.Elapsed.TotalSeconds:0} s; {proxy.Requests} requests, " +
            $"{proxy.FaultsInjected} faults injected ({string.Join(", ", counts.Where(c => c.Key != ProxyFault.None).Select(c => $"{c.Key} {c.Value}"))}), " +
            $"{retry.RetriesMade} requests retried by the transport");
        Assert.True(proxy.FaultsInjected >= proxy.Requests * faultRate / 2, "the proxy injected far fewer faults than asked");
        Assert.All(counts.Keys, kind => Assert.True(counts[kind] > 0, $"no {kind} was injected"));
    }

    /// <summary>An index of an amd64 and an arm64 image (one fresh layer each), tagged <paramref name="refName"/>.</summary>
    private static async Task<(Descriptor Index, IReadOnlyList<Descriptor> Manifests)> WriteTwoPlatformImageAsync(ImageStore store, string refName)
    {
        var manifests = new List<Descriptor>();
        foreach (var architecture in new[] { "amd64", "arm64" })
        {
            var image = TestImage.Create(layers: 1, architecture: architecture);
            foreach (var digest in image.Blobs.Digests)
            {
                await store.Layout.WriteBytesAsync(image.Blobs[digest], MediaTypes.OciLayerGzip, CancellationToken.None);
            }

            manifests.Add(image.Manifest with { Platform = new Platform { Os = "linux", Architecture = architecture } });
        }

        var index = await store.Layout.WriteJsonAsync(JsonBlobs.Index(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = manifests }), CancellationToken.None);
        await store.TagAsync(refName, index, CancellationToken.None);
        return (index, manifests);
    }

    /// <summary>Read directly, not through the proxy: the tag names the index, and every blob under it is there and intact.</summary>
    private async Task AssertRegistryHoldsAsync(ImageReference reference, Descriptor index, IReadOnlyList<Descriptor> manifests)
    {
        using var direct = new RegistryTransport();
        var client = direct.CreateClient(registry.Host);
        var tagged = await client.GetManifestAsync(reference.Repository, reference.Tag!, CancellationToken.None);
        Assert.Equal(index.Digest, tagged.Digest);
        foreach (var manifest in manifests)
        {
            var parsed = OciJson.ParseManifest((await client.GetManifestAsync(reference.Repository, manifest.Digest, CancellationToken.None)).Bytes);
            foreach (var blob in parsed.Layers.Append(parsed.Config))
            {
                await using var stream = await client.OpenBlobAsync(reference.Repository, blob.Digest, CancellationToken.None);
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer);
                Assert.Equal(blob.Digest, Digest.Compute(buffer.ToArray()));
            }
        }
    }
}
