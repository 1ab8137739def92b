using System.Collections.Concurrent;
using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Transfers;

namespace ImageBuild.Cli;

/// <summary>
/// The registry connection of one command run: one transport (one HttpClient) for every registry the
/// command talks to, with registry warnings and, under --verbose, one line per request on stderr.
/// </summary>
public sealed class RegistryAccess : IDisposable
{
    private readonly ConcurrentDictionary<string, RegistryClient> clients = new(StringComparer.Ordinal);

    public RegistryAccess(CommandContext context)
    {
        Endpoints = new TransferEndpoints(ClientFor, context.OpenStoreAsync, Path.GetTempPath());
        var error = TextWriter.Synchronized(context.Error);
        Transport = new RegistryTransport(new RegistryTransportOptions
        {
            OnWarning = warning => error.WriteLine($"Warning: {warning.Registry}: {warning.Text}"),
            Log = context.Verbose ? line => error.WriteLine(line) : null,
        });
    }

    public RegistryTransport Transport { get; }

    /// <summary>What image locations need to open: these clients, the command's store, the temp directory for archives.</summary>
    public TransferEndpoints Endpoints { get; }

    /// <summary>The client for the registry a reference names (Docker Hub's API host for docker.io).</summary>
    public RegistryClient ClientFor(ImageReference reference) =>
        clients.GetOrAdd(reference.RegistryHost, host => Transport.CreateClient(host));

    public void Dispose() => Transport.Dispose();
}
