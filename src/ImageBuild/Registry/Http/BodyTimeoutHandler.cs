namespace ImageBuild.Registry.Http;

/// <summary>
/// Gives every response body a read inactivity timeout: a server that sends its headers and then stalls makes
/// the read fail with an <see cref="IOException"/> after <paramref name="timeout"/> of silence, which the
/// client treats as any broken connection (retried; blob downloads resume with a Range request). This is the one
/// body timeout; the wait for headers is <see cref="Resilience.RetryOptions.AttemptTimeout"/>'s.
/// </summary>
internal sealed class BodyTimeoutHandler(TimeSpan timeout) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            response.Content = new InactivityTimeoutContent(response.Content, timeout);
        }

        return response;
    }
}
