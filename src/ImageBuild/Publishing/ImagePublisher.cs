using ImageBuild.Building;
using ImageBuild.Daemon;
using ImageBuild.Errors;
using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Store;
using ImageBuild.Transfers;

namespace ImageBuild.Publishing;

/// <summary>
/// Runs a plan with the local store (which holds the layer cache), registry access and the local daemons. A registry
/// output is pushed by the builder itself: blobs the registry has are only HEAD-checked and base layers held by another
/// repository of the same registry are mounted, so a base there is never downloaded. When the project chose no output,
/// the image also goes into the local daemon if one answers, as PublishContainer loads it there.
/// </summary>
internal sealed class ImagePublisher(string storePath, RegistryTransportOptions transportOptions, ImageDaemons daemons)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <param name="alsoIntoDaemon">Add the local daemon to the outputs when it answers (the default when nothing was chosen).</param>
    public async Task<PublishedImage> PublishAsync(BuildPlan plan, bool alsoIntoDaemon, CancellationToken cancellationToken)
    {
        string? note = null;
        if (alsoIntoDaemon)
        {
            (var answers, note) = await ProbeAsync(plan.Tags[0], cancellationToken);
            if (answers)
            {
                plan = plan with { Outputs = [.. plan.Outputs.Count == 0 ? [BuildOutput.Store] : plan.Outputs, BuildOutput.Daemon(null)] };
            }
        }

        var store = await ImageStore.OpenAsync(storePath, cancellationToken);
        using var connections = new RegistryConnections(transportOptions);
        var endpoints = new TransferEndpoints(connections.ClientFor, _ => Task.FromResult(store)) { Daemons = daemons };
        var result = await new ImageBuilder(store, endpoints).BuildAsync(plan, cancellationToken);
        var pushed = plan.Outputs.Any(o => o.IsRegistry) ? result.Tags : [];
        var places = plan.Outputs.Select(Describe).ToList();
        if (alsoIntoDaemon && !plan.Outputs.Any(o => o.IsDaemon))
        {
            // The summary line is what the terminal logger shows, so the way to docker run goes there too.
            places.Add($"no {daemons.Resolve(null).EngineName} daemon answered (load it later with 'dotnet image copy store:{ImageReference.Parse(plan.Tags[0]).FamiliarString} docker-daemon:')");
        }

        return new PublishedImage(result, pushed, places, note);
    }

    /// <summary>Whether the local daemon answers, and the line saying what that means for this publish.</summary>
    private async Task<(bool Answers, string Note)> ProbeAsync(string reference, CancellationToken cancellationToken)
    {
        using var daemon = daemons.Open(null);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        var endpoint = daemon.Endpoint;
        try
        {
            var info = await daemon.ConnectAsync(timeout.Token);
            return (true, $"also loading {reference} into {info.Product} {info.Version} at {endpoint.Display} ({endpoint.Origin}); set ContainerImageOutput=store to keep it in the store only");
        }
        catch (Exception ex) when (ex is ImageBuildException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var familiar = ImageReference.Parse(reference).FamiliarString;
            return (false, $"no {endpoint.EngineName} daemon answered at {endpoint.Display} ({endpoint.Origin}), so {familiar} is in the store only; load it later with 'dotnet image copy store:{familiar} docker-daemon:{familiar}'");
        }
    }

    /// <summary>Where an output put the image, as the summary line shows it.</summary>
    private string Describe(BuildOutput output) => output.Location switch
    {
        null => "registry",
        StoreLocation => $"store {storePath}",
        DaemonLocation daemon => $"{daemons.Resolve(daemon.Kind).EngineName} at {daemons.Resolve(daemon.Kind).Display}",
        _ => output.ToString(),
    };
}
