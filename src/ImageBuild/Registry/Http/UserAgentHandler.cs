namespace ImageBuild.Registry.Http;

/// <summary>Names ImageBuild and its version on every request, so registry operators can tell clients apart.</summary>
internal sealed class UserAgentHandler(string userAgent) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        if (!request.Headers.Contains("User-Agent"))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
