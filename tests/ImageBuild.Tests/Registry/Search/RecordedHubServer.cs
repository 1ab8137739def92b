using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageBuild.Tests.Registry.Search;

/// <summary>
/// Docker Hub's <c>/v1/search</c> on a loopback port (HttpListener), serving the response in
/// <c>Recorded/hub-search-dotnet.json</c>. There is no internet on the test machines, so that file stands in
/// for a recorded Hub answer: it is written by hand in the exact shape Hub returns (field names and order,
/// num_results, a multi-line description, an automated entry). Like Hub, the server answers at most
/// <c>n</c> results, in its order.
/// </summary>
internal sealed class RecordedHubServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly JsonObject recorded;
    private readonly Task serving;

    public RecordedHubServer()
    {
        recorded = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Registry", "Search", "Recorded", "hub-search-dotnet.json")))!.AsObject();
        var port = FreePort();
        IndexUri = new Uri($"http://127.0.0.1:{port}/v1/");
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public Uri IndexUri { get; }

    /// <summary>The path and query of every request, in order.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>The recorded results, in Hub's order.</summary>
    public JsonArray RecordedResults => recorded["results"]!.AsArray();

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
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

            lock (Requests)
            {
                Requests.Add(context.Request.Url!.PathAndQuery);
            }

            var response = context.Response;
            if (context.Request.Url!.AbsolutePath != "/v1/search")
            {
                response.StatusCode = 404;
                response.Close();
                continue;
            }

            var limit = int.Parse(context.Request.QueryString["n"] ?? "25", System.Globalization.CultureInfo.InvariantCulture);
            var page = new JsonObject
            {
                ["num_results"] = recorded["num_results"]!.DeepClone(),
                ["query"] = context.Request.QueryString["q"],
                ["results"] = new JsonArray(RecordedResults.Take(limit).Select(r => r!.DeepClone()).ToArray()),
            };
            var body = Encoding.UTF8.GetBytes(page.ToJsonString());
            response.ContentType = "application/json";
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
            response.Close();
        }
    }
}
