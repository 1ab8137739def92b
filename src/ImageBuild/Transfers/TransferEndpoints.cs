using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>What locations need to open themselves: registry clients, the local store, and scratch space for archives.</summary>
/// <param name="Registries">The client for the registry a reference names; callers share one transport between them.</param>
/// <param name="OpenStore">Opens the local store, for <c>store:</c> locations and pulls.</param>
/// <param name="ScratchDirectory">Where archives are unpacked and assembled; each use makes and removes its own subdirectory.</param>
public sealed record TransferEndpoints(
    Func<ImageReference, RegistryClient> Registries,
    Func<CancellationToken, Task<ImageStore>> OpenStore,
    string ScratchDirectory);
