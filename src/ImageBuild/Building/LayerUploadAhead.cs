using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Transfers;

namespace ImageBuild.Building;

/// <summary>
/// Sends each layer a build writes to the registry repositories the build pushes to while the layer is compressed,
/// so a cold push costs about its compression instead of its compression and then its upload, and mounts the base's
/// layers there meanwhile. The push that follows asks each registry what it has, as every push does, and finds these
/// layers there; a layer whose streamed upload or mount failed it sends as usual, with its retries. Layers from the
/// cache are not sent here.
/// </summary>
internal sealed class LayerUploadAhead
{
    private readonly IReadOnlyList<(RegistryClient Client, string Repository)> targets;
    private int uploaded;
    private int mounted;

    private LayerUploadAhead(IReadOnlyList<(RegistryClient Client, string Repository)> targets) => this.targets = targets;

    /// <summary>Nothing is sent ahead: no registry among the outputs.</summary>
    public static LayerUploadAhead None { get; } = new([]);

    /// <summary>How many blobs the streamed uploads stored, counting each repository.</summary>
    public int Uploaded => Volatile.Read(ref uploaded);

    /// <summary>How many base layers were mounted ahead, counting each repository.</summary>
    public int Mounted => Volatile.Read(ref mounted);

    /// <summary>The repositories the outputs push to; none without registry access.</summary>
    public static LayerUploadAhead For(IReadOnlyList<BuildOutput> outputs, IReadOnlyList<ImageReference> tags, TransferEndpoints? endpoints)
    {
        if (endpoints is null)
        {
            return None;
        }

        var references = outputs
            .Where(o => o.IsRegistry || o.Location is RegistryLocation)
            .SelectMany(o => o.IsRegistry ? tags : [((RegistryLocation)o.Location!).Normalized])
            .DistinctBy(r => (r.RegistryHost, r.Repository))
            .ToList();
        return references.Count == 0 ? None : new LayerUploadAhead(references.Select(r => (endpoints.Registries(r), r.Repository)).ToList());
    }

    /// <summary>
    /// Mounts each of <paramref name="layers"/> that a target repository lacks from the repository
    /// <paramref name="mountFrom"/> names on the same registry (the base's), so the push does not wait for it. Never
    /// fails: whatever is not mounted here the push mounts or uploads.
    /// </summary>
    /// <param name="mountFrom">For a registry host, a target repository and a blob: the repository there that holds the blob, or null.</param>
    public async Task MountAsync(IReadOnlyList<Descriptor> layers, Func<string, string, Descriptor, string?>? mountFrom, CancellationToken cancellationToken = default)
    {
        if (mountFrom is null)
        {
            return;
        }

        var work = targets
            .SelectMany(t => layers.Where(l => l.Urls is not { Count: > 0 }).Select(l => (t.Client, t.Repository, Layer: l, From: mountFrom(t.Client.Registry, t.Repository, l))))
            .Where(w => w.From is not null && w.From != w.Repository)
            .ToList();
        // Awaited only after the layers are made, so it must not fail: a cancelled build reports its cancellation there.
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4 };
        await Parallel.ForEachAsync(work, options, async (item, _) =>
        {
            var token = cancellationToken;
            try
            {
                if (await item.Client.HasBlobAsync(item.Repository, item.Layer.Digest, token))
                {
                    return;
                }

                var mount = await item.Client.MountBlobAsync(item.Repository, item.Layer.Digest, item.From!, token);
                if (mount.Mounted)
                {
                    Interlocked.Increment(ref mounted);
                }
                else
                {
                    await item.Client.CancelUploadAsync(mount.Session!, token);
                }
            }
            catch (Exception ex) when (ex is ImageBuildException or HttpRequestException or IOException or OperationCanceledException)
            {
                // The push tries again, and reports what still fails.
            }
        });
    }

    /// <summary>Runs <paramref name="write"/> with a stream that also gets the blob's bytes (null when nothing is sent ahead).</summary>
    public async Task<LayerBlob> WriteAsync(Func<Stream?, Task<LayerBlob>> write, CancellationToken cancellationToken = default)
    {
        if (targets.Count == 0)
        {
            return await write(null);
        }

        var started = await Task.WhenAll(targets.Select(t => StreamingBlobUpload.StartAsync(t.Client, t.Repository, cancellationToken)));
        var uploads = started.OfType<StreamingBlobUpload>().ToList();
        try
        {
            var copy = uploads.Count == 0 ? null : uploads.Skip(1).Aggregate(uploads[0].Body, (body, next) => new CopyingWriteStream(body, next.Body));
            var blob = await write(copy);
            foreach (var upload in uploads)
            {
                if (await upload.CompleteAsync(blob.ToDescriptor(), cancellationToken))
                {
                    Interlocked.Increment(ref uploaded);
                }
            }

            return blob;
        }
        finally
        {
            foreach (var upload in uploads)
            {
                await upload.DisposeAsync();
            }
        }
    }
}
