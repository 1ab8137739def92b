using System.Net;

namespace ImageBuild.Tests.Registry;

/// <summary>
/// A FAKE SOCKET: answers requests from a script instead of the network, to produce what a real registry
/// cannot be made to do on demand (a tampered body, a token server, a redirect to blob storage). Everything
/// above it, the client and the whole handler stack, is the real code.
/// </summary>
internal sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<(HttpMethod Method, Uri Uri, string? Authorization)> Requests { get; } = [];

    public static HttpResponseMessage Answer(HttpStatusCode status, byte[]? body = null, string? contentType = null, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body ?? []) };
        if (contentType is not null)
        {
            response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        foreach (var (name, value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add((request.Method, request.RequestUri!, request.Headers.Authorization?.ToString()));
        }

        var response = respond(request);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}
