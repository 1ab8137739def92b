using System.Net;
using ImageBuild.References;
using ImageBuild.Registry.Http;

namespace ImageBuild.Registry;

/// <summary>
/// The OCI distribution API of one registry host: manifests, blobs, uploads, tags and the catalog. Created
/// by <see cref="RegistryTransport.CreateClient"/>; cheap, and shares the transport's connections and tokens.
/// Every failure the user can cause is a <see cref="RegistryException"/> naming the registry, repository and
/// reference.
/// </summary>
public sealed partial class RegistryClient
{
    private readonly RegistryTransport transport;
    private readonly Uri baseUri;

    internal RegistryClient(RegistryTransport transport, string registryHost, RegistryClientOptions options)
    {
        // Every registry URL starts here, so a host a URL cannot hold (a port past 65535) fails once, as a usage error.
        if (string.IsNullOrWhiteSpace(registryHost) || registryHost.Contains('/')
            || !Uri.TryCreate($"https://{registryHost}/", UriKind.Absolute, out var parsed) || parsed.Authority.Length == 0)
        {
            throw new Errors.InvalidInputException(
                $"\"{registryHost}\" is not a registry host[:port] that can be reached (a port goes from 1 to 65535): check the registry part of the name");
        }

        this.transport = transport;
        Registry = registryHost;
        Options = options;
        baseUri = parsed;
    }

    /// <summary>The registry host as given, <c>host[:port]</c>.</summary>
    public string Registry { get; }

    public RegistryClientOptions Options { get; }

    /// <summary>True for localhost, 127.0.0.0/8 and [::1], which may be reached over plain HTTP.</summary>
    public bool IsLoopback => RegistryDomain.IsLoopback(Registry);

    /// <summary>A view of one repository that can be read from with a <see cref="Content.ContentCopier"/>.</summary>
    public RegistryRepository Repository(string repository) => new(this, repository);

    /// <summary><c>GET /v2/</c>: succeeds when the registry speaks the v2 API and accepts our (possibly anonymous) credentials.</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        var call = new RegistryCall("reach", Registry);
        using var request = NewRequest(HttpMethod.Get, "v2/", []);
        using var response = await SendAsync(request, call, cancellationToken);
        await EnsureSuccessAsync(response, call, cancellationToken);
    }

    internal HttpRequestMessage NewRequest(HttpMethod method, string relative, IReadOnlyList<string> scopes) =>
        NewRequest(method, new Uri(baseUri, relative), scopes);

    internal HttpRequestMessage NewRequest(HttpMethod method, Uri uri, IReadOnlyList<string> scopes)
    {
        // HTTP/2 where TLS negotiates it; plain-HTTP loopback registries get HTTP/1.1.
        var request = new HttpRequestMessage(method, uri) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        request.Options.Set(RegistryRequestOptions.Scopes, scopes);
        request.Options.Set(RegistryRequestOptions.Registry, baseUri.Authority);
        return request;
    }

    /// <summary>Sends a request; a missing answer becomes a <see cref="RegistryException"/> ("connection refused; is it running?").</summary>
    internal async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, RegistryCall call, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        try
        {
            return await transport.Http.SendAsync(completion == HttpCompletionOption.ResponseContentRead ? ReadWhole(request) : request, completion, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw RegistryErrors.Unreachable(ex, call, Resilience.RetryHandler.AttemptsOf(request));
        }
    }

    /// <summary>Sends without translating network failures, for callers (uploads) that recover from them.</summary>
    internal Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        transport.Http.SendAsync(ReadWhole(request), HttpCompletionOption.ResponseContentRead, cancellationToken);

    /// <summary>Sends a request whose body the transport must not buffer or replay (a body still being made).</summary>
    internal Task<HttpResponseMessage> SendUnbufferedAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        transport.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);

    /// <summary>
    /// Marks a request whose answer is read whole, so the retry handler reads the body within the attempt and a
    /// body that stalls or breaks is retried like a failed request (HttpClient would read it after every handler).
    /// </summary>
    private HttpRequestMessage ReadWhole(HttpRequestMessage request)
    {
        request.Options.Set(RegistryRequestOptions.ReadWhole, transport.Options.BufferedResponseLimit);
        return request;
    }

    /// <summary>
    /// Sends <paramref name="length"/> bytes of <paramref name="body"/> as the request's content, which the transport
    /// cannot replay (the upload code tries a failed one again itself). The answer's headers must come within the
    /// retry options' attempt timeout after the last byte went out, so a registry that stalls fails this attempt (as
    /// a network failure) instead of hanging the push; the answer's body is timed by the transport's read timeout.
    /// </summary>
    /// <param name="contentRange">The distribution spec's <c>Content-Range</c> of a PATCH chunk, or null.</param>
    internal async Task<HttpResponseMessage> SendStreamedAsync(
        HttpRequestMessage request, Stream body, long length, string? contentRange, CancellationToken cancellationToken)
    {
        using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeout = Options.Retry.AttemptTimeout;
        request.Content = new Http.ChunkContent(body, length) { Sent = () => answer.CancelAfter(timeout) };
        if (contentRange is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Range", contentRange);
        }

        try
        {
            return await transport.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, answer.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"no answer within {timeout.TotalSeconds:0.#} s after the upload was sent", ex);
        }
    }

    /// <summary>
    /// GET or HEAD, following redirects by hand, so the origin policy of the handler stack judges every hop: a hop
    /// to another host (blob storage) leaves without the registry's credentials, one to plain HTTP is refused
    /// unless the target is loopback or named insecure.
    /// </summary>
    internal async Task<HttpResponseMessage> SendFollowingRedirectsAsync(
        Func<Uri, HttpRequestMessage> create, string relative, RegistryCall call, CancellationToken cancellationToken, HttpCompletionOption completion)
    {
        var uri = new Uri(baseUri, relative);
        for (var hop = 0; ; hop++)
        {
            using var request = create(uri);
            var response = await SendAsync(request, call, cancellationToken, completion);
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            if (hop >= Options.MaxRedirects)
            {
                throw new RegistryException($"cannot {call.Operation} {call.Display}: {Registry} redirected more than {Options.MaxRedirects} times", HttpStatusCode.Redirect);
            }

            uri = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
        }
    }

    internal static async Task EnsureSuccessAsync(HttpResponseMessage response, RegistryCall call, CancellationToken cancellationToken, params HttpStatusCode[] expected)
    {
        var ok = expected.Length == 0 ? response.IsSuccessStatusCode : expected.Contains(response.StatusCode);
        if (!ok)
        {
            throw await RegistryErrors.FromResponseAsync(response, call, cancellationToken);
        }
    }

    /// <summary>A response header as sent, wherever .NET filed it (Range is a request header to it).</summary>
    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) || response.Content.Headers.NonValidated.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
