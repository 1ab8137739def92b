using System.Collections.Concurrent;
using ImageBuild.Daemon;
using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Transfers;
using ImageBuild.Registry.Credentials;
using ImageBuild.Registry.Resilience;
using ImageBuild.Registry.Tls;

namespace ImageBuild.Cli;

/// <summary>
/// The registry connection of one command run: one transport (one HttpClient) for every registry the
/// command talks to, with the credential chain (environment, docker config.json, podman auth file), TLS
/// trust from --ca-file/--insecure-registry, retries, the body read timeout of $DOTNET_IMAGE_READ_TIMEOUT, registry warnings and, under --verbose, one line
/// per request on stderr.
/// </summary>
internal sealed class RegistryAccess : IDisposable
{
    private readonly ConcurrentDictionary<string, RegistryClient> clients = new(StringComparer.Ordinal);

    public RegistryAccess(CommandContext context)
        : this(context, CredentialChain.CreateDefault(Environment.GetEnvironmentVariable))
    {
    }

    /// <summary>A connection that authenticates with <paramref name="credentials"/> only (login checks the ones it was given).</summary>
    public RegistryAccess(CommandContext context, ICredentialSource credentials)
    {
        Endpoints = new TransferEndpoints(ClientFor, context.OpenStoreAsync) { Daemons = ImageDaemons.FromProcess(context.DaemonKind) };
        var error = TextWriter.Synchronized(context.Error);
        Func<string, string?> environment = Environment.GetEnvironmentVariable;
        var retry = context.Retry;
        Transport = new RegistryTransport(new RegistryTransportOptions
        {
            Credentials = credentials,
            InsecureRegistries = InsecureRegistryList.FromEnvironment(environment, context.InsecureRegistries),
            TrustedRoots = TrustedCertificates.Load(context.CaFiles, environment),
            AdditionalHandlers = () => [new RetryHandler(retry)],
            ClientOptions = new RegistryClientOptions { Retry = retry },
            BodyReadTimeout = RegistryTransportOptions.BodyReadTimeoutFrom(environment),
            OnWarning = warning => error.WriteLine($"Warning: {warning.Registry}: {warning.Text}"),
            Log = context.Verbose ? line => error.WriteLine(line) : null,
        });
    }

    public RegistryTransport Transport { get; }

    /// <summary>What image locations need to open: these clients, the command's store and the --daemon choice.</summary>
    public TransferEndpoints Endpoints { get; }

    /// <summary>The client for the registry a reference names (Docker Hub's API host for docker.io).</summary>
    public RegistryClient ClientFor(ImageReference reference) =>
        clients.GetOrAdd(reference.RegistryHost, host => Transport.CreateClient(host));

    /// <summary>The client for a registry host as a user names it (docker.io means Docker Hub's API host).</summary>
    public RegistryClient ClientFor(string registryHost) =>
        clients.GetOrAdd(RegistryServerAddress.ApiHost(registryHost), host => Transport.CreateClient(host));

    public void Dispose() => Transport.Dispose();
}
