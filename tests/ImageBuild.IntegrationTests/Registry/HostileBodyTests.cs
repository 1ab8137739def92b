using System.Net;
using System.Text;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Registry;
using ImageBuild.Registry.Resilience;

namespace ImageBuild.IntegrationTests.Registry;

/// <summary>
/// A hostile registry on loopback that stalls bodies or never ends them: reads fail after the inactivity timeout
/// and are retried like a broken connection, and nothing the client reads whole grows past its bound.
/// </summary>
public sealed class HostileBodyTests : IDisposable
{
    private static readonly byte[] Blob = Encoding.UTF8.GetBytes(new string('b', 4096));
    private static readonly Digest BlobDigest = Digest.Compute(Blob);

    // Stalled responses wait on this, so the servers' handlers end with the test.
    private readonly CancellationTokenSource released = new();
    private readonly List<LoopbackHttpServer> servers = [];

    public void Dispose()
    {
        released.Cancel();
        servers.ForEach(s => s.Dispose());
        released.Dispose();
    }

    [Fact]
    public async Task A_blob_body_that_stalls_after_the_headers_is_resumed_after_the_read_timeout()
    {
        var attempts = 0;
        var registry = Server(async (request, response) =>
        {
            response.ContentLength64 = Blob.Length;
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await response.OutputStream.WriteAsync(Blob.AsMemory(0, 100));
                await response.OutputStream.FlushAsync();
                await StallAsync();
                return;
            }

            await response.OutputStream.WriteAsync(Blob);
        });
        using var transport = Transport(TimeSpan.FromSeconds(1));

        await using var stream = await transport.CreateClient(registry.Authority).OpenBlobAsync("app", BlobDigest, CancellationToken.None);
        var read = new MemoryStream();
        await stream.CopyToAsync(read);

        Assert.Equal(Blob, read.ToArray());
        Assert.Equal(2, registry.Received.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task A_manifest_body_that_always_stalls_fails_with_one_line_after_the_retries()
    {
        var registry = Server(async (request, response) =>
        {
            response.ContentLength64 = 1000;
            await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes("{\"schemaVersion\":"));
            await response.OutputStream.FlushAsync();
            await StallAsync();
        });
        using var transport = Transport(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<RegistryException>(
            () => transport.CreateClient(registry.Authority).GetManifestAsync("app", "1", CancellationToken.None));

        Assert.Contains("the server sent nothing for 1 s", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(RegistryClientOptions.Default.Retry.MaxRetries + 1, registry.Received.Count);
    }

    [Fact]
    public async Task A_tag_page_whose_body_stalls_is_asked_for_again_under_the_retry_policy()
    {
        // A fault socket: the real registry never stalls, so this loopback server sends half a tag page and waits.
        var page = Encoding.UTF8.GetBytes("{\"name\":\"app\",\"tags\":[\"1\",\"2\"]}");
        var attempts = 0;
        var registry = Server(async (request, response) =>
        {
            response.ContentType = "application/json";
            response.ContentLength64 = page.Length;
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await response.OutputStream.WriteAsync(page.AsMemory(0, 10));
                await response.OutputStream.FlushAsync();
                await StallAsync();
                return;
            }

            await response.OutputStream.WriteAsync(page);
        });
        var retry = new RetryHandler(new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10) });
        using var transport = new RegistryTransport(new RegistryTransportOptions { BodyReadTimeout = TimeSpan.FromSeconds(1), AdditionalHandlers = () => [retry] });

        var tags = new List<string>();
        await foreach (var tag in transport.CreateClient(registry.Authority).ListTagsAsync("app"))
        {
            tags.Add(tag);
        }

        Assert.Equal(["1", "2"], tags);
        Assert.Equal(2, registry.Received.Count(r => r.Method == "GET"));
        Assert.Equal(1, retry.RetriesMade);
    }

    [Fact]
    public async Task A_config_blob_with_an_endless_body_stops_at_its_descriptor_size()
    {
        long sent = 0;
        var registry = Server(async (request, response) =>
        {
            response.SendChunked = true;
            var chunk = Encoding.UTF8.GetBytes(new string('{', 64 * 1024));
            for (var i = 0; i < 16 * 1024 && !released.IsCancellationRequested; i++)
            {
                await response.OutputStream.WriteAsync(chunk, released.Token);
                Interlocked.Add(ref sent, chunk.Length);
            }
        });
        using var transport = Transport(TimeSpan.FromSeconds(30));
        var config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = Digest.Compute(Blob), Size = 2048 };

        var error = await Assert.ThrowsAsync<CorruptBlobException>(
            () => transport.CreateClient(registry.Authority).Repository("app").ReadSmallBlobAsync(config, CancellationToken.None));

        Assert.Contains("longer than the 2048 bytes", error.Message);
        Assert.True(Interlocked.Read(ref sent) < 64L * 1024 * 1024, $"the server got to send {sent} bytes");
    }

    [Fact]
    public async Task A_tag_page_with_an_endless_body_stops_at_the_buffered_response_limit()
    {
        long sent = 0;
        var registry = Server(async (request, response) =>
        {
            response.SendChunked = true;
            await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes("{\"name\":\"app\",\"tags\":["), released.Token);
            var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("\"t\",", 16 * 1024)));
            for (var i = 0; i < 4 * 1024 && !released.IsCancellationRequested; i++)
            {
                await response.OutputStream.WriteAsync(chunk, released.Token);
                Interlocked.Add(ref sent, chunk.Length);
            }
        });
        using var transport = new RegistryTransport(new RegistryTransportOptions { BufferedResponseLimit = 1024 * 1024 });

        var error = await Assert.ThrowsAsync<RegistryException>(async () =>
        {
            await foreach (var unused in transport.CreateClient(registry.Authority).ListTagsAsync("app"))
            {
            }
        });

        Assert.Contains("1048576", error.Message);
        Assert.True(Interlocked.Read(ref sent) < 64L * 1024 * 1024, $"the server got to send {sent} bytes");
    }

    private LoopbackHttpServer Server(Func<HttpListenerRequest, HttpListenerResponse, Task> respond)
    {
        var server = new LoopbackHttpServer(respond);
        servers.Add(server);
        return server;
    }

    private Task StallAsync() => Task.Delay(Timeout.Infinite, released.Token).ContinueWith(_ => { }, TaskScheduler.Default);

    private static RegistryTransport Transport(TimeSpan bodyReadTimeout) => new(new RegistryTransportOptions { BodyReadTimeout = bodyReadTimeout });
}
