using System.Security.Cryptography;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Registry;

namespace ImageBuild.IntegrationTests.Registry;

/// <summary>Chunked uploads, resumes and mounts against a real distribution registry, checked through its access log.</summary>
public sealed class RegistryUploadTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private const int OneMiB = 1024 * 1024;
    private const int ChunkSize = 64 * 1024;

    private static readonly RegistryClientOptions SmallChunks = new() { ChunkedUploadThreshold = 256 * 1024, ChunkSize = ChunkSize };

    [Fact]
    public async Task BlobOverTheThresholdGoesUpInChunks()
    {
        using var transport = new RegistryTransport();
        var client = transport.CreateClient(registry.Host, SmallChunks);
        var (bytes, descriptor) = TestImage.RandomBlob(OneMiB);

        using var content = new MemoryStream(bytes);
        Assert.Equal(descriptor.Digest, await client.UploadBlobAsync("chunked", descriptor, content, CancellationToken.None));

        var requests = UploadRequests("chunked");
        Assert.Equal(OneMiB / ChunkSize, requests.Count(r => r is { Method: "PATCH", Status: 202 }));
        Assert.Contains(requests, r => r.Method == "PUT" && r.Status == 201 && r.Target.Contains($"digest={Uri.EscapeDataString(descriptor.Digest.ToString())}", StringComparison.Ordinal));
        Assert.Equal(descriptor.Digest, await DownloadDigestAsync(client, "chunked", descriptor.Digest));
    }

    [Fact]
    public async Task BlobUnderTheThresholdGoesUpInOnePut()
    {
        using var transport = new RegistryTransport();
        var client = transport.CreateClient(registry.Host, SmallChunks);
        var (bytes, descriptor) = TestImage.RandomBlob(100 * 1024);

        using var content = new MemoryStream(bytes);
        await client.UploadBlobAsync("monolithic", descriptor, content, CancellationToken.None);

        var requests = UploadRequests("monolithic");
        Assert.DoesNotContain(requests, r => r.Method == "PATCH");
        Assert.Single(requests, r => r is { Method: "PUT", Status: 201 });
        Assert.Equal(descriptor.Digest, await DownloadDigestAsync(client, "monolithic", descriptor.Digest));
    }

    [Fact]
    public async Task BrokenChunkResumesFromTheRegistrysOffset()
    {
        // Fault injection: BrokenPatchHandler drops the third PATCH half-way, as a broken connection would.
        var fault = new BrokenPatchHandler(breakPatchNumber: 3) { InnerHandler = RegistryTransport.CreateSocketsHandler() };
        using var transport = new RegistryTransport(new RegistryTransportOptions { PrimaryHandler = fault });
        var client = transport.CreateClient(registry.Host, SmallChunks);
        var (bytes, descriptor) = TestImage.RandomBlob(OneMiB);
        var opened = new List<long>();

        var digest = await client.UploadBlobAsync("resumed", descriptor, (offset, _) =>
        {
            opened.Add(offset);
            return Task.FromResult<Stream>(new MemoryStream(bytes, (int)offset, bytes.Length - (int)offset, writable: false));
        }, CancellationToken.None);

        Assert.Equal(descriptor.Digest, digest);
        Assert.Equal(1, fault.Broken);
        Assert.Equal([0L, 2L * ChunkSize], opened);
        var requests = UploadRequests("resumed");
        Assert.Single(requests, r => r is { Method: "GET", Status: 204 });
        Assert.Equal(OneMiB / ChunkSize, requests.Count(r => r is { Method: "PATCH", Status: 202 }));
        Assert.Equal(descriptor.Digest, await DownloadDigestAsync(client, "resumed", descriptor.Digest));
    }

    [Fact]
    public async Task MountLinksABlobFromAnotherRepository()
    {
        using var transport = new RegistryTransport();
        var client = transport.CreateClient(registry.Host);
        var (bytes, descriptor) = TestImage.RandomBlob(4096);
        using (var content = new MemoryStream(bytes))
        {
            await client.UploadBlobAsync("mount-source", descriptor, content, CancellationToken.None);
        }

        var result = await client.MountBlobAsync("mount-target", descriptor.Digest, "mount-source", CancellationToken.None);

        Assert.True(result.Mounted);
        Assert.Null(result.Session);
        Assert.True(await client.HasBlobAsync("mount-target", descriptor.Digest, CancellationToken.None));
        Assert.Contains(registry.Requests(), r => r is { Method: "POST", Status: 201 } && r.Target.StartsWith("/v2/mount-target/blobs/uploads/?mount=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeclinedMountFallsBackToAnUploadInTheSameSession()
    {
        using var transport = new RegistryTransport();
        var client = transport.CreateClient(registry.Host);
        var (bytes, descriptor) = TestImage.RandomBlob(4096);

        var result = await client.MountBlobAsync("fallback", descriptor.Digest, "nowhere", CancellationToken.None);
        Assert.False(result.Mounted);
        using var content = new MemoryStream(bytes);
        await client.CompleteUploadAsync(result.Session!, descriptor, content, CancellationToken.None);

        Assert.True(await client.HasBlobAsync("fallback", descriptor.Digest, CancellationToken.None));
        var requests = UploadRequests("fallback");
        Assert.Single(requests, r => r.Method == "POST");
        Assert.Contains(requests, r => r is { Method: "POST", Status: 202 });
    }

    [Fact]
    public async Task SinkMountsBlobsTheCallerNamesASourceFor()
    {
        using var transport = new RegistryTransport();
        var client = transport.CreateClient(registry.Host);
        var image = TestImage.Create();
        await new ImageBuild.Content.ContentCopier(image.Blobs, new RegistryBlobSink(client, "sink-base")).CopyAsync(image.Manifest, cancellationToken: CancellationToken.None);

        var sink = new RegistryBlobSink(client, "sink-app", _ => "sink-base");
        await new ImageBuild.Content.ContentCopier(image.Blobs, sink).CopyAsync(image.Manifest, cancellationToken: CancellationToken.None);

        Assert.Equal(3, sink.MountedCount);
        Assert.Equal(image.ManifestBytes, (await client.GetManifestAsync("sink-app", image.Manifest.Digest, CancellationToken.None)).Bytes);
    }

    private List<(string Method, string Target, int Status)> UploadRequests(string repository) =>
        registry.Requests().Where(r => r.Target.StartsWith($"/v2/{repository}/blobs/uploads/", StringComparison.Ordinal)).ToList();

    private static async Task<Digest> DownloadDigestAsync(RegistryClient client, string repository, Digest digest)
    {
        await using var stream = await client.OpenBlobAsync(repository, digest, CancellationToken.None);
        return Digest.FromHash(Digest.Sha256, await SHA256.HashDataAsync(stream));
    }
}
