using ImageBuild.Registry.Credentials;
using ImageBuild.Registry.Resilience;
using ImageBuild.Registry.Tls;

namespace ImageBuild.Registry;

/// <summary>
/// How every front end reaches registries, so a machine set up for <c>dotnet image</c> works for PublishImage too:
/// credentials from the environment, docker's config.json (with its helpers) and podman's auth file; insecure
/// registries from <c>DOTNET_IMAGE_INSECURE_REGISTRIES</c>/<c>DOTNET_CONTAINER_INSECURE_REGISTRIES</c> plus those
/// named; extra CAs from <c>SSL_CERT_FILE</c> plus the files named; retries; the body read timeout of
/// <c>DOTNET_IMAGE_READ_TIMEOUT</c>.
/// </summary>
public sealed record RegistrySettings
{
    /// <summary>Reads an environment variable (the process's, or a test's).</summary>
    public required Func<string, string?> Environment { get; init; }

    /// <summary>How hard registry work is tried (<c>--retries</c>, <c>ContainerRetries</c>).</summary>
    public RetryOptions Retry { get; init; } = RetryOptions.Default;

    /// <summary>Registries the user names as plain-HTTP or self-signed, besides the environment's.</summary>
    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];

    /// <summary>CA bundle files the user names, besides <c>SSL_CERT_FILE</c>.</summary>
    public IReadOnlyList<string> CaFiles { get; init; } = [];

    /// <summary>Where credentials come from; null means the default chain over <see cref="Environment"/>.</summary>
    public ICredentialSource? Credentials { get; init; }

    /// <summary>Receives each registry warning.</summary>
    public Action<RegistryWarning>? OnWarning { get; init; }

    /// <summary>Receives one line per request (never headers), when the user asks for detail.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The transport options these settings give.</summary>
    public RegistryTransportOptions ToTransportOptions() => new()
    {
        Credentials = Credentials ?? CredentialChain.CreateDefault(Environment),
        InsecureRegistries = InsecureRegistryList.FromEnvironment(Environment, InsecureRegistries),
        TrustedRoots = TrustedCertificates.Prepare(CaFiles, Environment),
        AdditionalHandlers = () => [new RetryHandler(Retry)],
        ClientOptions = new RegistryClientOptions { Retry = Retry },
        BodyReadTimeout = RegistryTransportOptions.BodyReadTimeoutFrom(Environment),
        OnWarning = OnWarning,
        Log = Log,
    };
}
