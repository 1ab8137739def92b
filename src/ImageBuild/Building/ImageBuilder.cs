using System.Diagnostics;
using System.IO.Compression;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Sbom;
using ImageBuild.Store;
using ImageBuild.Transfers;

namespace ImageBuild.Building;

/// <summary>
/// Builds the images a <see cref="BuildPlan"/> describes: new layers (from the layer cache when unchanged)
/// onto the base, one config and manifest per platform, an index for several platforms, an SBOM attached to each
/// platform manifest when the plan asks, then the outputs. New blobs are staged in the local store, which also holds
/// the layer cache.
/// </summary>
/// <param name="endpoints">Registry access for registry bases and pushes; null builds from and to local places only.</param>
public sealed class ImageBuilder(ImageStore store, TransferEndpoints? endpoints = null)
{
    /// <summary>How often a build is repeated when blobs it found in the store vanish before its tag is written.</summary>
    private const int MaxRebuilds = 2;

    public async Task<BuildResult> BuildAsync(BuildPlan plan, CancellationToken cancellationToken = default)
    {
        for (var rebuilds = 0; ; rebuilds++)
        {
            try
            {
                return await BuildOnceAsync(plan, cancellationToken);
            }
            catch (IncompleteImageException) when (rebuilds < MaxRebuilds)
            {
                // A concurrent rm or prune deleted a blob this build reused (a cached layer, a stored base layer)
                // before the tag went in. Building again finds the cache entry without its blob and writes the
                // layer anew; every step before the tag is idempotent.
            }
        }
    }

    private async Task<BuildResult> BuildOnceAsync(BuildPlan plan, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var tags = ParseTags(plan.Tags);
        var layerTimes = new LayerPhaseTimes();
        var outputs = plan.Outputs.Count == 0 ? [BuildOutput.Store] : plan.Outputs;
        var uploadAhead = LayerUploadAhead.For(outputs, tags, endpoints);

        // A layer's bytes do not depend on the base, only its media type does (made OCI here, so cache keys do not
        // depend on the format either, and set below), so the layers every platform gets are made while the base is
        // read; a base that cannot be read stops them.
        var producer = new LayerProducer(store.Layout, LayerOptionsFor(plan, plan.Format == ImageFormat.Docker) with { DockerMediaTypes = false }, layerTimes, uploadAhead);
        using var early = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var common = plan.Layers.Where(l => l.Platform is null).Distinct<LayerSpec>(ReferenceEqualityComparer.Instance).ToList();
        var commonProduced = ProduceAllAsync(producer, common, early.Token);
        BaseImage baseImage;
        IReadOnlyList<(Platform Platform, SelectedImage? Selected)> targets;
        bool docker;
        try
        {
            baseImage = await ResolveBaseAsync(plan.Base, cancellationToken);
            try
            {
                targets = await SelectTargetsAsync(plan, baseImage, cancellationToken);
                docker = plan.Format switch
                {
                    ImageFormat.Docker => true,
                    ImageFormat.Oci => false,
                    _ => targets[0].Selected?.Manifest.Value.IsDocker ?? false,
                };
                CheckPlatformLayers(plan, targets.Select(t => t.Platform).ToList());
                CheckCompression(plan, docker);
            }
            catch
            {
                await baseImage.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await early.CancelAsync();
            await ObserveAsync(commonProduced);
            throw;
        }

        await using var disposeBase = baseImage;
        var baseTime = total.ElapsedMilliseconds;
        bool Targets(LayerSpec spec, Platform platform) => spec.Platform is null || spec.Platform.IsSatisfiedBy(platform);
        var baseLayers = targets.SelectMany(t => t.Selected?.Manifest.Value.Layers ?? []).DistinctBy(l => l.Digest).ToList();
        // Only the base's layers can be in the base's repository: offered for the new config and layers too, it would
        // cost the push a declined mount for each.
        var baseDigests = baseLayers.Select(l => l.Digest).ToHashSet();
        var mountFromBase = baseImage.MountSource is { } mount
            ? (host, target, blob) => baseDigests.Contains(blob.Digest) ? mount(host, target, blob) : null
            : (Func<string, string, Descriptor, string?>?)null;
        var mountsAhead = uploadAhead.MountAsync(baseLayers, mountFromBase, early.Token);
        var specific = plan.Layers.Where(l => l.Platform is not null && targets.Any(t => Targets(l, t.Platform))).Distinct<LayerSpec>(ReferenceEqualityComparer.Instance).ToList();
        Dictionary<LayerSpec, BuiltLayer> produced;
        try
        {
            produced = await commonProduced;
            foreach (var (spec, layer) in await ProduceAllAsync(producer, specific, cancellationToken))
            {
                produced[spec] = layer;
            }
        }
        catch
        {
            await early.CancelAsync();
            await ObserveAsync(mountsAhead);
            throw;
        }

        var mediaType = MediaTypes.LayerMediaType(plan.Compression, docker);
        foreach (var spec in produced.Keys.ToList())
        {
            produced[spec] = produced[spec] with { MediaType = mediaType };
        }

        var manifestTime = new Stopwatch();
        var images = new List<BuiltImage>();
        var children = new List<Descriptor>();
        var referrers = new List<Referrer>();
        foreach (var (platform, selected) in targets)
        {
            manifestTime.Start();
            var layers = plan.Layers.Where(l => Targets(l, platform)).Select(spec => (spec, produced[spec])).ToList();
            var (config, manifest) = ImageComposer.Compose(plan, baseImage, selected, platform, docker, layers);
            await store.Layout.WriteJsonAsync(config, cancellationToken);
            var manifestDescriptor = await store.Layout.WriteJsonAsync(manifest, cancellationToken);
            var built = new BuiltImage(config.Value.Platform, manifest.Digest, manifest.Size, manifest.MediaType, config.Digest, layers.Select(l => l.Item2).ToList());
            if (plan.Sbom is { } sbomInputs)
            {
                var described = new SbomImage(
                    tags.FirstOrDefault()?.ToString(), manifestDescriptor, config.Value.Platform, baseImage.Name, baseImage.Root?.Digest,
                    layers.SelectMany(l => l.Item2.Files).ToList(), plan.Created);
                var sbom = await SbomAttachment.WriteAsync(store.Layout, described, sbomInputs, cancellationToken);
                referrers.Add(sbom.Referrer);
                built = built with { SbomDigest = sbom.Manifest.Digest, SbomDocument = sbom.DocumentDescriptor };
            }

            images.Add(built);
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

        await mountsAhead;
        var counts = await new OutputWriter(store, endpoints).WriteAsync(root, referrers, outputs, tags, [baseImage.Reader], mountFromBase, cancellationToken);
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
            // The layers streamed or mounted ahead were in the registry when the push asked, so it counted them as skipped.
            counts.Uploaded + uploadAhead.Uploaded,
            counts.Mounted + uploadAhead.Mounted,
            Math.Max(0, counts.Skipped - uploadAhead.Uploaded - uploadAhead.Mounted),
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

    /// <summary>Waits for work being cancelled because the build failed otherwise; its own failure adds nothing.</summary>
    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ImageBuildException or IOException or UnauthorizedAccessException)
        {
            // The failure that stopped the build is the one to report.
        }
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

    private static void CheckCompression(BuildPlan plan, bool docker)
    {
        if (docker && plan.Compression == LayerCompression.Zstd)
        {
            throw new InvalidInputException("Docker manifests cannot hold zstd layers: use --format oci or --compression gzip");
        }
    }

    private static LayerOptions LayerOptionsFor(BuildPlan plan, bool docker)
    {
        CheckCompression(plan, docker);

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
