using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>What the proxy did to one request.</summary>
public enum ProxyFault
{
    None,

    /// <summary>500 Internal Server Error without asking the registry.</summary>
    ServerError,

    /// <summary>503 Service Unavailable without asking the registry.</summary>
    Unavailable,

    /// <summary>429 Too Many Requests with <c>Retry-After</c> (1 s for one in four, else 0), without asking the registry.</summary>
    RateLimited,

    /// <summary>The connection is reset after the request head, before the registry sees it.</summary>
    Reset,

    /// <summary>The registry handles the request, and its answer is cut off part-way (head or body).</summary>
    CutAnswer,

    /// <summary>The registry handles the request, and its answer stops part-way for a while before the connection drops.</summary>
    StalledAnswer,
}

/// <summary>
/// An HTTP/1.1 proxy on loopback in front of a registry that decides, for each request, with a seeded random
/// generator, whether to break it: answer 500, 503 or 429 itself, reset the connection, or pass the request on
/// and cut or stall the registry's answer (so the registry has acted but the client does not know). The rest
/// pass through untouched, on kept-alive connections as the client made them.
/// </summary>
public sealed class FaultInjectingProxy : IAsyncDisposable
{
    private static readonly ProxyFault[] Kinds = Enum.GetValues<ProxyFault>().Where(f => f != ProxyFault.None).ToArray();

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string target;
    private readonly Random random;
    private readonly double faultRate;
    private readonly TimeSpan stall;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private readonly Dictionary<ProxyFault, int> counts = Enum.GetValues<ProxyFault>().ToDictionary(f => f, _ => 0);
    private TaskCompletionSource? heldBlob;
    private TaskCompletionSource? release;

    /// <param name="stall">How long a stalled answer stops before the connection drops.</param>
    public FaultInjectingProxy(string targetHostPort, int seed, double faultRate, TimeSpan? stall = null)
    {
        target = targetHostPort;
        random = new Random(seed);
        this.faultRate = faultRate;
        this.stall = stall ?? TimeSpan.FromSeconds(2);
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary><c>127.0.0.1:PORT</c> of the proxy.</summary>
    public string Host => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public int FaultsInjected
    {
        get
        {
            lock (counts)
            {
                return counts.Where(c => c.Key != ProxyFault.None).Sum(c => c.Value);
            }
        }
    }

    public int Requests
    {
        get
        {
            lock (counts)
            {
                return counts.Values.Sum();
            }
        }
    }

    /// <summary>How many requests got each treatment.</summary>
    public IReadOnlyDictionary<ProxyFault, int> Counts
    {
        get
        {
            lock (counts)
            {
                return new Dictionary<ProxyFault, int>(counts);
            }
        }
    }

    /// <summary>
    /// Holds the next blob download until <see cref="ReleaseHeldBlob"/>; the task completes when one is held,
    /// so a test can act while a pull is in the middle of its work.
    /// </summary>
    public Task HoldNextBlobDownloadAsync()
    {
        heldBlob = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return heldBlob.Task;
    }

    public void ReleaseHeldBlob() => release?.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        ReleaseHeldBlob();
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

            connections.Add(ServeAsync(client));
        }

        await Task.WhenAll(connections);
    }

    private ProxyFault Choose()
    {
        lock (random)
        {
            var fault = random.NextDouble() < faultRate ? Kinds[random.Next(Kinds.Length)] : ProxyFault.None;
            lock (counts)
            {
                counts[fault]++;
            }

            return fault;
        }
    }

    private int Between(int low, int high)
    {
        lock (random)
        {
            return random.Next(low, high);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var downstreamClient = client;
        TcpClient? upstreamClient = null;
        try
        {
            var downstream = client.GetStream();
            var requests = new HttpExchangeReader(downstream);
            HttpExchangeReader? answers = null;
            NetworkStream? upstream = null;
            while (await requests.ReadHeadAsync(stop.Token) is { } request)
            {
                await WaitIfHeldAsync(request);
                var fault = Choose();
                if (fault is ProxyFault.ServerError or ProxyFault.Unavailable or ProxyFault.RateLimited)
                {
                    await requests.RelayBodyAsync(request, bodyless: false, _ => Task.FromResult(true), stop.Token);
                    var status = fault switch { ProxyFault.ServerError => "500 Internal Server Error", ProxyFault.Unavailable => "503 Service Unavailable", _ => "429 Too Many Requests" };
                    var retryAfter = fault == ProxyFault.RateLimited ? $"Retry-After: {(Between(0, 4) == 0 ? 1 : 0)}\r\n" : string.Empty;
                    await downstream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\n{retryAfter}Content-Length: 0\r\nConnection: close\r\n\r\n"), stop.Token);
                    return;
                }

                if (fault == ProxyFault.Reset)
                {
                    client.Client.LingerState = new LingerOption(true, 0);
                    return;
                }

                if (upstream is null)
                {
                    upstreamClient = new TcpClient();
                    var parts = target.Split(':');
                    await upstreamClient.ConnectAsync(parts[0], int.Parse(parts[1]), stop.Token);
                    upstream = upstreamClient.GetStream();
                    answers = new HttpExchangeReader(upstream);
                }

                await upstream.WriteAsync(request.Bytes, stop.Token);
                await requests.RelayBodyAsync(request, bodyless: false, async bytes => { await upstream.WriteAsync(bytes, stop.Token); return true; }, stop.Token);
                var answer = await answers!.ReadHeadAsync(stop.Token) ?? throw new IOException("the registry closed the connection without an answer");
                var bodyless = request.Method == "HEAD" || answer.Status is 204 or 304 || answer.Status < 200;
                // A broken answer stops somewhere before its last byte: in the head or in the body.
                var whole = answer.Bytes.Length + (bodyless || answer.IsChunked ? 0 : answer.ContentLength);
                var budget = new Budget(fault == ProxyFault.None ? long.MaxValue : Between(1, (int)Math.Min(int.MaxValue, whole)));
                var passed = await PassAsync(downstream, answer.Bytes, budget)
                    && await answers.RelayBodyAsync(answer, bodyless, bytes => PassAsync(downstream, bytes, budget), stop.Token);
                if (!passed)
                {
                    if (fault == ProxyFault.StalledAnswer)
                    {
                        await Task.Delay(stall, stop.Token);
                    }

                    client.Client.LingerState = new LingerOption(true, 0);
                    return;
                }

                if (answer.ClosesConnection || fault != ProxyFault.None)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A broken connection is what this proxy is for.
        }
        finally
        {
            upstreamClient?.Dispose();
        }
    }

    private async Task WaitIfHeldAsync(HttpHead request)
    {
        if (heldBlob is { Task.IsCompleted: false } held && request.Method == "GET" && request.Target.Contains("/blobs/sha256:", StringComparison.Ordinal))
        {
            held.TrySetResult();
            await release!.Task.WaitAsync(stop.Token);
        }
    }

    /// <summary>Writes what the budget allows; false once it is spent (the answer is cut there).</summary>
    private async Task<bool> PassAsync(Stream downstream, ReadOnlyMemory<byte> bytes, Budget budget)
    {
        var count = (int)Math.Min(bytes.Length, budget.Left);
        budget.Left -= count;
        await downstream.WriteAsync(bytes[..count], stop.Token);
        return budget.Left > 0;
    }

    /// <summary>How many more bytes of an answer pass before it is cut.</summary>
    private sealed class Budget(long bytes)
    {
        public long Left { get; set; } = bytes;
    }
}
