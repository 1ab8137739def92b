using System.Net;
using System.Net.Sockets;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>What a <see cref="LoopbackHttpServer"/> received: the request line and the credentials it carried.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, string? Authorization, string? Host);

/// <summary>
/// A real HTTP server on 127.0.0.1 (its own port, so its own origin) that answers with whatever a test scripts,
/// as a hostile registry or "another host" would, and logs every request it received. Nothing is faked below
/// the socket: the client under test speaks to it as to any registry.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<HttpListenerRequest, HttpListenerResponse, Task> respond;
    private readonly List<ReceivedRequest> received = [];
    private readonly Task serving;

    public LoopbackHttpServer(Func<HttpListenerRequest, HttpListenerResponse, Task> respond)
    {
        this.respond = respond;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Authority = $"127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        }

        listener.Prefixes.Add($"http://{Authority}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Authority { get; }

    public IReadOnlyList<ReceivedRequest> Received
    {
        get
        {
            lock (received)
            {
                return received.ToList();
            }
        }
    }

    public void Dispose()
    {
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending accept.
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        lock (received)
        {
            received.Add(new ReceivedRequest(request.HttpMethod, request.Url!.PathAndQuery, request.Headers["Authorization"], request.Headers["Host"]));
        }

        try
        {
            await request.InputStream.CopyToAsync(Stream.Null);
            await respond(request, context.Response);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away (a test that stops reading on purpose).
        }
    }
}
