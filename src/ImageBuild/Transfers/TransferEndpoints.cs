using ImageBuild.Daemon;
using ImageBuild.Errors;
using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>What locations need to open themselves: registry clients, the local store and the local daemons.</summary>
/// <param name="Registries">The client for the registry a reference names; callers share one transport between them.</param>
/// <param name="OpenStore">Opens the local store, for <c>store:</c> locations, pulls and scratch space.</param>
public sealed record TransferEndpoints(
    Func<ImageReference, RegistryClient> Registries,
    Func<CancellationToken, Task<ImageStore>> OpenStore)
{
    /// <summary>Opens the Docker or Podman daemon a <c>docker-daemon:</c> location names; by default as this process's environment finds it.</summary>
    public ImageDaemons Daemons { get; init; } = ImageDaemons.FromProcess();

    /// <summary>Endpoints for local places only: the store; any registry is refused with a line saying so.</summary>
    public static TransferEndpoints Local(ImageStore store) => new(
        reference => throw new InvalidInputException($"{reference} is in a registry, but this operation has no registry access"),
        _ => Task.FromResult(store));

    /// <summary>
    /// Names new temporary files for archives (a compressed archive's decompressed copy, a layer waiting to be
    /// written): in the store's ingest folder, never the system temp, so a killed process's leftovers are swept
    /// with the store's own and a large archive never fills a small /tmp.
    /// </summary>
    public async Task<Func<string>> ScratchFilesAsync(CancellationToken cancellationToken = default)
    {
        var store = await OpenStore(cancellationToken);
        return store.Layout.CreateIngestPath;
    }
}
