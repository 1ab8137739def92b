using System.Collections.Concurrent;

namespace ImageBuild.Registry.Http;

/// <summary>
/// Lets loopback registries (localhost, 127.0.0.0/8, [::1]) and those the user named insecure run without
/// TLS, as docker does: such a request goes over HTTPS first and, when TLS or the connection fails, over
/// plain HTTP; the scheme that worked is remembered per host. A loopback registry whose certificate was
/// rejected is not retried over HTTP, so a TLS registry gets a TLS error rather than an HTTP one. Every
/// other host is spoken to over HTTPS only. Requests that start together (a push's blob checks) wait for the
/// first one's answer instead of each trying TLS on a plain-HTTP registry.
/// </summary>
internal sealed class SchemeFallbackHandler(Func<string, bool> mayUsePlainHttp, Func<string, bool> certificateRejected) : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, string> schemeByAuthority = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> probes = new(StringComparer.OrdinalIgnoreCase);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("a registry request needs an absolute URI");
        if (uri.Scheme != Uri.UriSchemeHttps || !mayUsePlainHttp(uri.Authority))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (schemeByAuthority.TryGetValue(uri.Authority, out var known))
        {
            request.RequestUri = WithScheme(uri, known);
            return await base.SendAsync(request, cancellationToken);
        }

        var probe = probes.GetOrAdd(uri.Authority, _ => new SemaphoreSlim(1, 1));
        await probe.WaitAsync(cancellationToken);
        try
        {
            if (schemeByAuthority.TryGetValue(uri.Authority, out known))
            {
                request.RequestUri = WithScheme(uri, known);
                return await base.SendAsync(request, cancellationToken);
            }

            return await ProbeAsync(request, uri, cancellationToken);
        }
        finally
        {
            probe.Release();
        }
    }

    /// <summary>HTTPS, then plain HTTP when TLS or the connection fails; remembers what answered.</summary>
    private async Task<HttpResponseMessage> ProbeAsync(HttpRequestMessage request, Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            schemeByAuthority[uri.Authority] = Uri.UriSchemeHttps;
            return response;
        }
        catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested && !certificateRejected(uri.Host))
        {
            // A TLS or connection failure happens before any of the body is sent, so the request can go again.
            request.RequestUri = WithScheme(uri, Uri.UriSchemeHttp);
            var response = await base.SendAsync(request, cancellationToken);
            schemeByAuthority[uri.Authority] = Uri.UriSchemeHttp;
            return response;
        }
    }

    // A registry named without a port keeps the scheme's default port (443 or 80), as docker does.
    private static Uri WithScheme(Uri uri, string scheme) =>
        uri.Scheme == scheme ? uri : new UriBuilder(uri) { Scheme = scheme, Port = uri.IsDefaultPort ? -1 : uri.Port }.Uri;
}
