using System.Diagnostics;

namespace ImageBuild.Registry.Http;

/// <summary>
/// Reports each request on the wire as one line: method, URL, status and time. Headers are never written,
/// so neither Authorization nor tokens can reach a log; URLs carry no credentials in this protocol.
/// </summary>
internal sealed class LoggingHandler(Action<string> log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var what = $"{request.Method} {Describe(request.RequestUri)}";
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            log($"{what} -> {(int)response.StatusCode} in {clock.ElapsedMilliseconds} ms");
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            log($"{what} failed after {clock.ElapsedMilliseconds} ms: {ex.Message}");
            throw;
        }
    }

    // User info in a URL would be a credential; registries never need it, so it is dropped from the log.
    private static string Describe(Uri? uri) =>
        uri is null ? "(no URI)" : uri.GetComponents(UriComponents.HttpRequestUrl & ~UriComponents.UserInfo, UriFormat.UriEscaped);
}
