using ImageBuild.Building;
using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Store;
using ImageBuild.Transfers;

namespace ImageBuild.Tasks;

/// <summary>
/// Runs a plan against the local store (which holds the layer cache) and pushes the result when the plan asks
/// for the registry: the image is built into the store under its tags, then each tag is pushed, so blobs the
/// registry has are only HEAD-checked.
/// </summary>
public sealed class ImagePublisher(string storePath, RegistryTransportOptions transportOptions)
{
    public async Task<PublishedImage> PublishAsync(BuildPlan plan, CancellationToken cancellationToken)
    {
        var store = await ImageStore.OpenAsync(storePath, cancellationToken);
        var pushes = plan.Outputs.Any(o => o.Kind == BuildOutputKind.Registry);
        var local = plan with
        {
            Outputs = pushes
                ? [.. plan.Outputs.Where(o => o.Kind is not (BuildOutputKind.Registry or BuildOutputKind.Store)), BuildOutput.Store]
                : plan.Outputs,
        };
        using var transport = new RegistryTransport(transportOptions);
        var clients = new Dictionary<string, RegistryClient>(StringComparer.Ordinal);
        RegistryClient ClientFor(ImageReference r) => clients.TryGetValue(r.RegistryHost, out var c) ? c : clients[r.RegistryHost] = transport.CreateClient(r.RegistryHost);

        // Registry bases (the inferred mcr.microsoft.com ones) are read through the same connection.
        var endpoints = new TransferEndpoints(ClientFor, _ => Task.FromResult(store), Path.GetTempPath());
        var result = await new ImageBuilder(store, endpoints).BuildAsync(local, cancellationToken);
        var pushed = new List<string>();
        if (pushes)
        {
            var pusher = new ImagePusher(store, ClientFor);
            foreach (var tag in result.Tags)
            {
                await pusher.PushAsync(ImageReference.Parse(tag), allTags: false, TransferOptions.Default, cancellationToken);
                pushed.Add(tag);
            }
        }

        return new PublishedImage(result, pushed);
    }
}
