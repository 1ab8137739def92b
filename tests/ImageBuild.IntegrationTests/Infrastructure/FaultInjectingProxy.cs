using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP proxy on loopback in front of a registry that breaks some connections, chosen by a seeded random
/// generator: answers 500, 503 or 429 (with Retry-After) without asking the registry, drops the connection
/// part-way through the registry's answer, or stalls and then drops it. The rest pass through untouched.
/// </summary>
public sealed class FaultInjectingProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string target;
    private readonly Random random;
    private readonly double faultRate;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int faults;

    public FaultInjectingProxy(string targetHostPort, int seed, double faultRate)
    {
        target = targetHostPort;
        random = new Random(seed);
        this.faultRate = faultRate;
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary><c>127.0.0.1:PORT</c> of the proxy.</summary>
    public string Host => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public int FaultsInjected => faults;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                break;
            }

            int fault;
            lock (random)
            {
                fault = random.NextDouble() < faultRate ? random.Next(1, 6) : 0;
            }

            connections.Add(ServeAsync(client, fault));
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client, int fault)
    {
        using var connection = client;
        try
        {
            var downstream = client.GetStream();
            if (fault is 1 or 2 or 3)
            {
                Interlocked.Increment(ref faults);
                var buffer = new byte[4096];
                // Part of the request is enough to answer it; the rest is discarded with the connection.
                _ = await downstream.ReadAsync(buffer, stop.Token);
                var status = fault switch { 1 => "500 Internal Server Error", 2 => "503 Service Unavailable", _ => "429 Too Many Requests" };
                await downstream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nRetry-After: 0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), stop.Token);
                return;
            }

            using var upstream = new TcpClient();
            var parts = target.Split(':');
            await upstream.ConnectAsync(parts[0], int.Parse(parts[1]), stop.Token);
            var registry = upstream.GetStream();
            long? cutAfter = fault == 0 ? null : 200 + Random.Shared.Next(0, 20_000);
            if (fault != 0)
            {
                Interlocked.Increment(ref faults);
            }

            var up = downstream.CopyToAsync(registry, stop.Token);
            var down = CopyAsync(registry, downstream, cutAfter, stall: fault == 5);
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A broken connection is what this proxy is for.
        }
    }

    private async Task CopyAsync(Stream from, Stream to, long? cutAfter, bool stall)
    {
        var buffer = new byte[16 * 1024];
        long sent = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, stop.Token)) > 0)
        {
            var count = cutAfter is { } cut ? (int)Math.Min(read, cut - sent) : read;
            await to.WriteAsync(buffer.AsMemory(0, count), stop.Token);
            sent += count;
            if (cutAfter is { } limit && sent >= limit)
            {
                if (stall)
                {
                    await Task.Delay(TimeSpan.FromSeconds(3), stop.Token);
                }

                return;
            }
        }
    }
}
