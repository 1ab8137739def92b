using System.Collections.Concurrent;
using ImageBuild.Building;
using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Store;
using ImageBuild.Transfers;

namespace ImageBuild.Tasks;

/// <summary>
/// Runs a plan with the local store (which holds the layer cache) and registry access. A registry output is
/// pushed by the builder itself: blobs the registry has are only HEAD-checked and base layers held by another
/// repository of the same registry are mounted, so a base there is never downloaded.
/// </summary>
public sealed class ImagePublisher(string storePath, RegistryTransportOptions transportOptions)
{
    public async Task<PublishedImage> PublishAsync(BuildPlan plan, CancellationToken cancellationToken)
    {
        var store = await ImageStore.OpenAsync(storePath, cancellationToken);
        using var transport = new RegistryTransport(transportOptions);
        var clients = new ConcurrentDictionary<string, RegistryClient>(StringComparer.Ordinal);
        RegistryClient ClientFor(ImageReference reference) => clients.GetOrAdd(reference.RegistryHost, host => transport.CreateClient(host));

        var endpoints = new TransferEndpoints(ClientFor, _ => Task.FromResult(store));
        var result = await new ImageBuilder(store, endpoints).BuildAsync(plan, cancellationToken);
        var pushed = plan.Outputs.Any(o => o.IsRegistry) ? result.Tags : [];
        return new PublishedImage(result, pushed);
    }
}
