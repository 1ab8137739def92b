using System.Security.Cryptography.X509Certificates;
using ImageBuild.Registry.Credentials;
using ImageBuild.Registry.Tls;

namespace ImageBuild.Registry;

/// <summary>How a <see cref="RegistryTransport"/> connects, authenticates and reports.</summary>
public sealed record RegistryTransportOptions
{
    public static RegistryTransportOptions Default { get; } = new();

    /// <summary>Where credentials come from when a registry asks; anonymous by default.</summary>
    public ICredentialSource Credentials { get; init; } = new AnonymousCredentialSource();

    /// <summary>Receives one line per request on the wire (never headers); null to stay silent.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Receives the registries' <c>Warning: 299</c> texts, for the front end to print.</summary>
    public Action<RegistryWarning>? OnWarning { get; init; }

    /// <summary>
    /// Extra handlers placed outside authentication (so a retried request is authorized again), such as a
    /// retry policy. Called once when the transport is built; each handler must be new.
    /// </summary>
    public Func<IReadOnlyList<DelegatingHandler>>? AdditionalHandlers { get; init; }

    /// <summary>
    /// The handler that talks to the network. Null means a <see cref="SocketsHttpHandler"/> from
    /// <see cref="RegistryTransport.CreateSocketsHandler()"/>; tests wrap that one to inject faults.
    /// The transport disposes it.
    /// </summary>
    public HttpMessageHandler? PrimaryHandler { get; init; }

    /// <summary>
    /// Registries whose certificates are not verified and which may be spoken to over plain HTTP (loopback
    /// registries always may, but are verified when they speak TLS).
    /// </summary>
    public InsecureRegistryList InsecureRegistries { get; init; } = InsecureRegistryList.None;

    /// <summary>
    /// CA certificates trusted in addition to the system's, for registries with a private CA; loaded at the first
    /// certificate the system does not trust (<see cref="Tls.TrustedCertificates.Prepare"/>).
    /// </summary>
    public Lazy<X509Certificate2Collection>? TrustedRoots { get; init; }

    /// <summary>What <see cref="RegistryTransport.CreateClient"/> gives a client when the caller names no options.</summary>
    public RegistryClientOptions ClientOptions { get; init; } = RegistryClientOptions.Default;

    /// <summary>The User-Agent header; null means <c>ImageBuild/&lt;version&gt;</c>.</summary>
    public string? UserAgent { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long a response body may send nothing before the read fails as a broken connection, which the
    /// client retries (blob downloads resume where they stopped). <see cref="Timeout.InfiniteTimeSpan"/> waits forever.
    /// </summary>
    public TimeSpan BodyReadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The most a response the client reads whole (a tag page, an error, an upload answer) may hold, whatever the server sends.</summary>
    public long BufferedResponseLimit { get; init; } = 16 * 1024 * 1024;

    /// <summary>The variable that sets <see cref="BodyReadTimeout"/> for the CLI and the MSBuild tasks, in seconds (0: no limit).</summary>
    public const string ReadTimeoutVariable = "DOTNET_IMAGE_READ_TIMEOUT";

    /// <summary>The body read timeout <see cref="ReadTimeoutVariable"/> names, or the default when it is unset.</summary>
    public static TimeSpan BodyReadTimeoutFrom(Func<string, string?> environment)
    {
        var value = environment(ReadTimeoutVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return Default.BodyReadTimeout;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? seconds == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds)
            : throw new Errors.InvalidInputException($"{ReadTimeoutVariable}=\"{value}\" is not a whole number of seconds: set it to, say, 120, or 0 for no limit");
    }
}
