using System.Collections.Concurrent;
using ImageBuild.References;
using ImageBuild.Registry.Credentials;

namespace ImageBuild.Registry;

/// <summary>
/// The registry connections of one run (a command, a publish): one transport, so one HttpClient and one token
/// cache, and one client per registry host, whichever part of the run asks for it.
/// </summary>
public sealed class RegistryConnections : IDisposable
{
    private readonly ConcurrentDictionary<string, RegistryClient> clients = new(StringComparer.Ordinal);

    /// <summary>Connections with <paramref name="options"/>; they own the transport they make.</summary>
    public RegistryConnections(RegistryTransportOptions options)
    {
        Transport = new RegistryTransport(options);
    }

    /// <summary>The transport every client of this run shares.</summary>
    public RegistryTransport Transport { get; }

    /// <summary>The client for the registry a reference names (Docker Hub's API host for docker.io).</summary>
    public RegistryClient ClientFor(ImageReference reference) =>
        clients.GetOrAdd(reference.RegistryHost, host => Transport.CreateClient(host));

    /// <summary>The client for a registry host as a user names it (docker.io means Docker Hub's API host).</summary>
    public RegistryClient ClientFor(string registryHost) =>
        clients.GetOrAdd(RegistryServerAddress.ApiHost(registryHost), host => Transport.CreateClient(host));

    /// <inheritdoc/>
    public void Dispose() => Transport.Dispose();
}
