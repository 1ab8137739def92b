using System.Net;
using System.Reflection;
using ImageBuild.References;
using ImageBuild.Registry.Http;
using ImageBuild.Registry.Tls;

namespace ImageBuild.Registry;

/// <summary>
/// The one <see cref="HttpClient"/> a process owner (a command, an MSBuild task) uses for every registry: a
/// pooled <see cref="SocketsHttpHandler"/> under a handler stack for the user agent, warnings, extra
/// policies, authentication, the origin policy (where requests and credentials may go), logging, the
/// loopback scheme choice and a read inactivity timeout on every body. Token caches and scheme choices live
/// here, so dispose it when done and share it between the clients of one operation.
/// </summary>
public sealed class RegistryTransport : IDisposable
{
    private readonly HttpClient http;

    public RegistryTransport(RegistryTransportOptions? options = null)
    {
        Options = options ?? RegistryTransportOptions.Default;
        var validator = new CertificateValidator(Options.InsecureRegistries, Options.TrustedRoots);
        HttpMessageHandler handler = Options.PrimaryHandler ?? CreateSocketsHandler(validator);
        handler = new BodyTimeoutHandler(Options.BodyReadTimeout) { InnerHandler = handler };
        Func<string, bool> mayUsePlainHttp = authority => RegistryDomain.IsLoopback(authority) || Options.InsecureRegistries.Matches(authority);
        handler = new SchemeFallbackHandler(mayUsePlainHttp, validator.WasRejected) { InnerHandler = handler };
        if (Options.Log is { } log)
        {
            handler = new LoggingHandler(log) { InnerHandler = handler };
        }

        handler = new OriginPolicyHandler(mayUsePlainHttp) { InnerHandler = handler };
        handler = new AuthenticationHandler(Options.Credentials, Options.TimeProvider) { InnerHandler = handler };
        foreach (var extra in (Options.AdditionalHandlers?.Invoke() ?? []).Reverse())
        {
            extra.InnerHandler = handler;
            handler = extra;
        }

        if (Options.OnWarning is { } onWarning)
        {
            handler = new WarningHandler(onWarning) { InnerHandler = handler };
        }

        handler = new UserAgentHandler(Options.UserAgent ?? DefaultUserAgent) { InnerHandler = handler };

        // Blobs stream for as long as they need; callers bound requests with their cancellation tokens.
        http = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,

            // What the client buffers whole (not blobs or manifests, which are streamed and bounded where read) stops here.
            MaxResponseContentBufferSize = Options.BufferedResponseLimit,
        };
    }

    public RegistryTransportOptions Options { get; }

    /// <summary><c>ImageBuild/&lt;assembly version&gt;</c>.</summary>
    public static string DefaultUserAgent { get; } =
        "ImageBuild/" + (typeof(RegistryTransport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(RegistryTransport).Assembly.GetName().Version?.ToString() ?? "0.0.0");

    internal HttpClient Http => http;

    /// <summary>
    /// The network handler the transport uses: pooled connections, no automatic decompression (a blob must
    /// arrive as the bytes its digest names) and no automatic redirects (the client follows them itself so
    /// credentials never go to another host).
    /// </summary>
    public static SocketsHttpHandler CreateSocketsHandler() => CreateSocketsHandler(new CertificateValidator(InsecureRegistryList.None, null));

    private static SocketsHttpHandler CreateSocketsHandler(CertificateValidator validator) => new()
    {
        SslOptions = { RemoteCertificateValidationCallback = validator.Validate },
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
    };

    /// <summary>A client for one registry host (<c>host[:port]</c>; Docker Hub is <c>registry-1.docker.io</c>).</summary>
    public RegistryClient CreateClient(string registryHost, RegistryClientOptions? options = null) =>
        new(this, registryHost, options ?? Options.ClientOptions);

    public void Dispose() => http.Dispose();
}
