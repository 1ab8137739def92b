using ImageBuild.Daemon;
using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Registry.Credentials;
using ImageBuild.Transfers;

namespace ImageBuild.Cli;

/// <summary>
/// The registry connections of one command run, with the command line's settings (--insecure-registry, --ca-file,
/// --retries, --verbose) over the library's <see cref="RegistrySettings"/>; registry warnings go to stderr.
/// </summary>
internal sealed class RegistryAccess : IDisposable
{
    private readonly RegistryConnections connections;

    public RegistryAccess(CommandContext context)
        : this(context, credentials: null)
    {
    }

    /// <summary>A connection that authenticates with <paramref name="credentials"/> only (login checks the ones it was given).</summary>
    public RegistryAccess(CommandContext context, ICredentialSource? credentials)
    {
        var error = TextWriter.Synchronized(context.Error);
        connections = new RegistryConnections(new RegistrySettings
        {
            Environment = Environment.GetEnvironmentVariable,
            Retry = context.Retry,
            InsecureRegistries = context.InsecureRegistries,
            CaFiles = context.CaFiles,
            Credentials = credentials,
            OnWarning = warning => error.WriteLine($"Warning: {warning.Registry}: {warning.Text}"),
            Log = context.Verbose ? line => error.WriteLine(line) : null,
        }.ToTransportOptions());
        Endpoints = new TransferEndpoints(ClientFor, context.OpenStoreAsync) { Daemons = ImageDaemons.FromProcess(context.DaemonKind) };
    }

    public RegistryTransport Transport => connections.Transport;

    /// <summary>What image locations need to open: these clients, the command's store and the --daemon choice.</summary>
    public TransferEndpoints Endpoints { get; }

    /// <inheritdoc cref="RegistryConnections.ClientFor(ImageReference)"/>
    public RegistryClient ClientFor(ImageReference reference) => connections.ClientFor(reference);

    /// <inheritdoc cref="RegistryConnections.ClientFor(string)"/>
    public RegistryClient ClientFor(string registryHost) => connections.ClientFor(registryHost);

    public void Dispose() => connections.Dispose();
}
