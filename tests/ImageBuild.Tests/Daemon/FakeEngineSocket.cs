using System.Net.Sockets;
using System.Text;

namespace ImageBuild.Tests.Daemon;

/// <summary>
/// A Unix socket that answers Engine API requests from a table, for the faults a real daemon here cannot be made to
/// show (an API older than any we can run, a full disk while loading). Each connection carries one request, whose body
/// is read to its end before the answer; every request line is recorded.
/// </summary>
internal sealed class FakeEngineSocket : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly Func<string, (int Status, string Body)> answer;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;
    private readonly List<string> requests = [];

    public FakeEngineSocket(string path, Func<string, (int Status, string Body)> answer)
    {
        Path = path;
        this.answer = answer;
        listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        serving = ServeAsync();
    }

    public string Path { get; }

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Dispose();
        await serving.ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = AnswerAsync(connection);
        }
    }

    private async Task AnswerAsync(Socket connection)
    {
        using var stream = new NetworkStream(connection, ownsSocket: true);
        var head = await ReadHeadAsync(stream);
        var requestLine = head.Split("\r\n")[0];
        lock (requests)
        {
            requests.Add(requestLine);
        }

        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            await DrainChunkedAsync(stream);
        }

        var (status, body) = answer(requestLine);
        var bytes = Encoding.UTF8.GetBytes(body);
        var response = $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nApi-Version: 1.41\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        await stream.WriteAsync(bytes);
    }

    private static async Task<string> ReadHeadAsync(Stream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1)
        {
            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    /// <summary>Reads a chunked body to its last (empty) chunk.</summary>
    private static async Task DrainChunkedAsync(Stream stream)
    {
        while (true)
        {
            var sizeLine = await ReadLineAsync(stream);
            var size = Convert.ToInt64(sizeLine.Split(';')[0].Trim(), 16);
            var buffer = new byte[size + 2];
            await stream.ReadExactlyAsync(buffer);
            if (size == 0)
            {
                return;
            }
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1 && one[0] != '\n')
        {
            line.Append((char)one[0]);
        }

        return line.ToString().TrimEnd('\r');
    }
}
