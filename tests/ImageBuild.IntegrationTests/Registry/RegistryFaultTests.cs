using System.Diagnostics;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Registry;
using ImageBuild.Registry.Resilience;
using Xunit.Abstractions;

namespace ImageBuild.IntegrationTests.Registry;

/// <summary>Pushes and pulls through a fault-injecting proxy over many seeded runs: each completes with correct digests or fails cleanly, and nothing corrupt is stored.</summary>
public sealed class RegistryFaultTests(RegistryFixture registry, ITestOutputHelper output) : IClassFixture<RegistryFixture>
{
    private const int Runs = 30;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task PushAndPullSurviveOrFailCleanly()
    {
        var clock = Stopwatch.StartNew();
        var (completed, failed, faults, retries) = (0, 0, 0, 0);
        var run = 0;
        for (; run < Runs && clock.Elapsed < Budget; run++)
        {
            var image = TestImage.Create(layers: 2);
            var repository = $"faults/run{run}";
            await using var proxy = new FaultInjectingProxy(registry.Host, seed: run, faultRate: 0.3);
            var retry = new RetryHandler(new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromSeconds(1), AttemptTimeout = TimeSpan.FromSeconds(2), MaxTotalTime = TimeSpan.FromSeconds(20) });
            using var transport = new RegistryTransport(new RegistryTransportOptions { AdditionalHandlers = () => [retry] });
            var client = transport.CreateClient(proxy.Host);
            var pulled = new MemoryBlobStore();
            try
            {
                await new ContentCopier(image.Blobs, new RegistryBlobSink(client, repository)).CopyAsync(image.Manifest, cancellationToken: CancellationToken.None);
                await client.PutManifestAsync(repository, "1", image.ManifestBytes, MediaTypes.OciManifest, CancellationToken.None);
                var manifest = await client.GetManifestAsync(repository, "1", CancellationToken.None);
                await new ContentCopier(client.Repository(repository), pulled).CopyAsync(manifest.ToDescriptor(), cancellationToken: CancellationToken.None);
                Assert.Equal(image.Manifest.Digest, manifest.Digest);
                Assert.Equal(image.Blobs.Digests.Select(d => d.ToString()).Order(), pulled.Digests.Select(d => d.ToString()).Order());
                completed++;
            }
            catch (ImageBuildException ex)
            {
                failed++;
                Assert.DoesNotContain('\n', ex.Message);
            }

            faults += proxy.FaultsInjected;
            retries += retry.RetriesMade;
            await AssertRegistryHoldsOnlyIntactContentAsync(image, repository);
        }

        output.WriteLine($"{run} runs in {clock.Elapsed.TotalSeconds:0} s: {completed} completed, {failed} failed cleanly, {faults} faults injected, {retries} retries");
        Assert.True(run >= 10, $"only {run} runs fit in the time budget");
        Assert.True(faults > 0, "no fault was injected");
        Assert.True(completed > 0, "no run completed");
    }

    // Read directly, not through the proxy: every blob the registry has is the right bytes, and a tag
    // exists only for a manifest whose blobs are all there.
    private async Task AssertRegistryHoldsOnlyIntactContentAsync(TestImage image, string repository)
    {
        using var direct = new RegistryTransport();
        var client = direct.CreateClient(registry.Host);
        foreach (var digest in image.Blobs.Digests.Where(d => d != image.Manifest.Digest))
        {
            if (await client.HasBlobAsync(repository, digest, CancellationToken.None))
            {
                await using var stream = await client.OpenBlobAsync(repository, digest, CancellationToken.None);
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer);
                Assert.Equal(digest, Digest.Compute(buffer.ToArray()));
            }
        }

        if (await client.HeadManifestAsync(repository, "1", CancellationToken.None) is not null)
        {
            foreach (var layer in image.Layers.Append(image.Config))
            {
                Assert.True(await client.HasBlobAsync(repository, layer.Digest, CancellationToken.None), $"tag 1 of {repository} names missing blob {layer.Digest}");
            }
        }
    }
}
