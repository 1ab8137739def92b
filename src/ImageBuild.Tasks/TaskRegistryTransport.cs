using ImageBuild.Registry;
using ImageBuild.Registry.Credentials;
using ImageBuild.Registry.Resilience;
using ImageBuild.Registry.Tls;

namespace ImageBuild.Tasks;

/// <summary>
/// How a publish reaches registries: the same settings `dotnet image` uses, so a machine set up for one works for
/// the other. Credentials from the environment (DOTNET_CONTAINER_REGISTRY_UNAME/PWORD and the push/pull variants,
/// DOTNET_IMAGE_REGISTRY_*), docker's config.json with its helpers and podman's auth file; insecure registries
/// from DOTNET_CONTAINER_INSECURE_REGISTRIES / DOTNET_IMAGE_INSECURE_REGISTRIES; extra CAs from SSL_CERT_FILE;
/// transient failures retried (ContainerRetries times); the body read timeout from DOTNET_IMAGE_READ_TIMEOUT.
/// </summary>
internal static class TaskRegistryTransport
{
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="warn">Receives each registry warning as one line.</param>
    /// <param name="log">Receives one line per request (never headers), for detailed verbosity.</param>
    /// <param name="retry">How hard registry work is tried (ContainerRetries).</param>
    public static RegistryTransportOptions Options(Func<string, string?> environment, Action<string> warn, Action<string> log, RetryOptions? retry = null) => new()
    {
        Credentials = CredentialChain.CreateDefault(environment),
        InsecureRegistries = InsecureRegistryList.FromEnvironment(environment, []),
        TrustedRoots = TrustedCertificates.Load([], environment),
        AdditionalHandlers = () => [new RetryHandler(retry)],
        ClientOptions = new RegistryClientOptions { Retry = retry ?? RetryOptions.Default },
        BodyReadTimeout = RegistryTransportOptions.BodyReadTimeoutFrom(environment),
        OnWarning = warning => warn($"{warning.Registry}: {warning.Text}"),
        Log = log,
    };
}
