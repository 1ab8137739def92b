using System.Diagnostics;
using System.IO.Compression;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Store;
using ImageBuild.Transfers;

namespace ImageBuild.Building;

/// <summary>
/// Builds the images a <see cref="BuildPlan"/> describes: new layers (from the layer cache when unchanged)
/// onto the base, one config and manifest per platform, an index for several platforms, then the outputs.
/// New blobs are staged in the local store, which also holds the layer cache.
/// </summary>
/// <param name="endpoints">Registry access for registry bases and pushes; null builds from and to local places only.</param>
public sealed class ImageBuilder(ImageStore store, TransferEndpoints? endpoints = null)
{
    public async Task<BuildResult> BuildAsync(BuildPlan plan, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var tags = ParseTags(plan.Tags);
        await using var baseImage = await ResolveBaseAsync(plan.Base, cancellationToken);
        var targets = await SelectTargetsAsync(plan, baseImage, cancellationToken);
        var docker = plan.Format switch
        {
            ImageFormat.Docker => true,
            ImageFormat.Oci => false,
            _ => targets[0].Selected?.Manifest.Value.IsDocker ?? false,
        };
        CheckPlatformLayers(plan, targets.Select(t => t.Platform).ToList());
        var baseTime = total.ElapsedMilliseconds;

        var layerTimes = new LayerPhaseTimes();
        var producer = new LayerProducer(store.Layout, LayerOptionsFor(plan, docker), layerTimes);
        bool Targets(LayerSpec spec, Platform platform) => spec.Platform is null || spec.Platform.IsSatisfiedBy(platform);
        var produced = await ProduceAllAsync(producer, plan.Layers.Where(l => targets.Any(t => Targets(l, t.Platform))).Distinct<LayerSpec>(ReferenceEqualityComparer.Instance).ToList(), cancellationToken);
        var manifestTime = new Stopwatch();
        var images = new List<BuiltImage>();
        var children = new List<Descriptor>();
        foreach (var (platform, selected) in targets)
        {
            manifestTime.Start();
            var layers = plan.Layers.Where(l => Targets(l, platform)).Select(spec => (spec, produced[spec])).ToList();
            var (config, manifest) = ImageComposer.Compose(plan, baseImage, selected, platform, docker, layers);
            await store.Layout.WriteJsonAsync(config, cancellationToken);
            var manifestDescriptor = await store.Layout.WriteJsonAsync(manifest, cancellationToken);
            images.Add(new BuiltImage(config.Value.Platform, manifest.Digest, manifest.Size, manifest.MediaType, config.Digest, layers.Select(l => l.Item2).ToList()));
            children.Add(manifestDescriptor with { Platform = config.Value.Platform });
            manifestTime.Stop();
        }

        var layersTime = total.ElapsedMilliseconds - baseTime;
        var root = children[0] with { Platform = null };
        Digest? indexDigest = null;
        if (children.Count > 1)
        {
            var index = JsonBlobs.Index(new ImageIndex
            {
                MediaType = docker ? MediaTypes.DockerManifestList : MediaTypes.OciIndex,
                Manifests = children,
                Annotations = docker || plan.Annotations.Count == 0 ? null : new SortedDictionary<string, string>(plan.Annotations.ToDictionary(), StringComparer.Ordinal),
            });
            root = await store.Layout.WriteJsonAsync(index, cancellationToken);
            indexDigest = root.Digest;
        }

        var outputs = plan.Outputs.Count == 0 ? [BuildOutput.Store] : plan.Outputs;
        var counts = await WriteOutputsAsync(root, outputs, tags, baseImage, cancellationToken);
        var outputsTime = total.ElapsedMilliseconds - baseTime - layersTime;
        var newLayers = produced.Values.ToList();
        return new BuildResult(
            root.Digest,
            root.MediaType,
            indexDigest,
            images,
            tags.Select(t => t.ToString()).ToList(),
            outputs.Select(o => o.ToString()).ToList(),
            baseImage.Name,
            baseImage.Root?.Digest,
            newLayers.Count(l => !l.FromCache),
            newLayers.Count(l => l.FromCache),
            counts.Uploaded,
            counts.Mounted,
            counts.Skipped,
            new BuildTimings(baseTime, layersTime, outputsTime, total.ElapsedMilliseconds)
            {
                PlanMilliseconds = layerTimes.PlanMilliseconds,
                HashMilliseconds = layerTimes.HashMilliseconds,
                TarCompressMilliseconds = layerTimes.WriteMilliseconds,
                ManifestMilliseconds = manifestTime.ElapsedMilliseconds,
            });
    }

    /// <summary>
    /// Makes every layer once, several at a time (at most one per core): tar, hashing and compression are
    /// CPU-bound and layers are independent, so a cold build of several big layers takes about as long as its biggest.
    /// </summary>
    private static async Task<Dictionary<LayerSpec, BuiltLayer>> ProduceAllAsync(LayerProducer producer, IReadOnlyList<LayerSpec> specs, CancellationToken cancellationToken)
    {
        var built = new BuiltLayer[specs.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, specs.Count), parallel, async (i, token) => built[i] = await producer.ProduceAsync(specs[i], token));
        var produced = new Dictionary<LayerSpec, BuiltLayer>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < specs.Count; i++)
        {
            produced[specs[i]] = built[i];
        }

        return produced;
    }

    /// <summary>The base, with "cannot reach" failures marked as the base's, so they read differently from an output's.</summary>
    private async Task<BaseImage> ResolveBaseAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            return await BaseImageSource.ResolveAsync(store, text, endpoints, cancellationToken);
        }
        catch (ImageBuildException ex) when (ex is Registry.RegistryException { StatusCode: null } or Daemon.DaemonUnreachableException)
        {
            throw new BaseImageUnreachableException(text, ex);
        }
    }

    private async Task<IReadOnlyList<(Platform Platform, SelectedImage? Selected)>> SelectTargetsAsync(
        BuildPlan plan, BaseImage baseImage, CancellationToken cancellationToken)
    {
        if (baseImage.Root is not { } root)
        {
            var platforms = plan.Platforms.Count > 0 ? plan.Platforms : [Platform.Current()];
            return platforms.Select(p => (p, (SelectedImage?)null)).ToList();
        }

        var name = baseImage.Name ?? plan.Base;
        if (plan.Platforms.Count == 0)
        {
            var only = await ManifestSelector.ResolveAsync(baseImage.Reader, root, null, name, cancellationToken);
            return [(only.Platform, only)];
        }

        var targets = new List<(Platform, SelectedImage?)>();
        foreach (var platform in plan.Platforms)
        {
            var selected = await ManifestSelector.ResolveAsync(baseImage.Reader, root, platform, name, cancellationToken);
            targets.Add((selected.Platform, selected));
        }

        return targets;
    }

    /// <summary>
    /// Writes the image to every output through the transfer locations, as <c>copy</c> writes: content to all of
    /// them first, then the tags, so a failure part-way leaves no name pointing at content an output lacks.
    /// </summary>
    private async Task<(int Uploaded, int Mounted, int Skipped)> WriteOutputsAsync(
        Descriptor root, IReadOnlyList<BuildOutput> outputs, IReadOnlyList<ImageReference> tags, BaseImage baseImage, CancellationToken cancellationToken)
    {
        var targets = outputs.SelectMany(o => o.Targets(tags)).ToList();
        var reachable = endpoints ?? TransferEndpoints.Local(store);
        var source = new ImageSource(
            root,
            new FallbackBlobReader([store.Layout, baseImage.Reader]),
            "the built image",
            mountSource: await MountSourcesAsync(baseImage, targets.Select(t => t.Location), cancellationToken));
        var writes = new List<DestinationWrite>();
        try
        {
            foreach (var (location, names) in targets)
            {
                writes.Add(new DestinationWrite(await location.OpenDestinationAsync(reachable, source, cancellationToken), [new NamedImage(root, names)]));
            }

            var summaries = await ImageCopier.WriteAsync(source, writes, ContentCopyOptions.Default, cancellationToken);
            var mounted = writes.Select(w => w.Destination).OfType<RegistryDestination>().Sum(d => d.Sink.MountedCount);
            return (summaries.Sum(s => s.BlobsCopied) - mounted, mounted, summaries.Sum(s => s.BlobsSkipped));
        }
        finally
        {
            foreach (var write in writes)
            {
                await write.Destination.DisposeAsync();
            }
        }
    }

    /// <summary>For pushes: the base's own repository first, then the repositories store images came from.</summary>
    private async Task<Func<string, string, Descriptor, string?>?> MountSourcesAsync(
        BaseImage baseImage, IEnumerable<ImageLocation> locations, CancellationToken cancellationToken)
    {
        if (!locations.OfType<RegistryLocation>().Any())
        {
            return null;
        }

        var stored = await StoreMountSources.LoadAsync(store, cancellationToken);
        var fromBase = baseImage.MountSource;
        return (host, target, blob) => fromBase?.Invoke(host, target, blob) ?? stored.Find(host, target, blob);
    }

    private static void CheckPlatformLayers(BuildPlan plan, IReadOnlyList<Platform> platforms)
    {
        if (plan.Layers.FirstOrDefault(l => l.Platform is { } p && !platforms.Any(p.IsSatisfiedBy)) is { } orphan)
        {
            throw new InvalidInputException(
                $"layer {orphan.Name} is for {orphan.Platform}, which the build does not target ({string.Join(", ", platforms)}); add it to --platform");
        }
    }

    private static List<ImageReference> ParseTags(IReadOnlyList<string> tags)
    {
        var parsed = new List<ImageReference>();
        foreach (var text in tags)
        {
            if (!ImageReference.TryParse(text, out var reference, out var error))
            {
                throw new InvalidInputException($"invalid tag \"{text}\": {error}");
            }

            if (reference.Digest is not null)
            {
                throw new InvalidInputException($"cannot tag {text}: a digest is computed from the content; give a name and tag instead");
            }

            parsed.Add(reference.WithDefaultTag());
        }

        return parsed.DistinctBy(r => r.ToString()).ToList();
    }

    private static LayerOptions LayerOptionsFor(BuildPlan plan, bool docker)
    {
        if (docker && plan.Compression == LayerCompression.Zstd)
        {
            throw new InvalidInputException("Docker manifests cannot hold zstd layers: use --format oci or --compression gzip");
        }

        var level = plan.CompressionLevel;
        return new LayerOptions
        {
            Timestamp = plan.LayerTimestamp,
            Compression = plan.Compression,
            DockerMediaTypes = docker,
            GzipLevel = level switch
            {
                null => CompressionLevel.Fastest,
                0 => CompressionLevel.NoCompression,
                <= 3 => CompressionLevel.Fastest,
                <= 6 => CompressionLevel.Optimal,
                _ => CompressionLevel.SmallestSize,
            },
            ZstdLevel = level ?? 3,
        };
    }
}
