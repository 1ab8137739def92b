using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Oci.Changes;

namespace ImageBuild.Building;

/// <summary>
/// Makes one platform's config and manifest: everything of the base config kept, the plan's changes applied,
/// the new layers' diff_ids appended with one history entry each, and one empty_layer entry per config change.
/// </summary>
internal static class ImageComposer
{
    public static (JsonBlob<ImageConfig> Config, JsonBlob<ImageManifest> Manifest) Compose(
        BuildPlan plan, BaseImage baseImage, SelectedImage? selected, Platform platform, bool docker, IReadOnlyList<(LayerSpec Spec, BuiltLayer Layer)> layers)
    {
        var created = ImageConfig.FormatTime(plan.Created);
        var baseConfig = selected?.Config.Value ?? new ImageConfig
        {
            Architecture = platform.Architecture,
            Os = platform.Os,
            Variant = platform.Variant,
            OsVersion = platform.OsVersion,
            RootFs = new RootFs(),
        };

        var containerConfig = baseConfig.Config ?? new ContainerConfig();
        var history = new List<HistoryEntry>(baseConfig.History ?? []);
        var diffIds = new List<Digest>(baseConfig.RootFs.DiffIds);
        foreach (var (spec, layer) in layers)
        {
            diffIds.Add(layer.DiffId);
            history.Add(new HistoryEntry { Created = created, CreatedBy = $"{plan.CreatedByPrefix}: {spec.Describe()}", Comment = spec.Name });
        }

        IEnumerable<ConfigChange> changes = plan.Changes;
        if (plan.LabelBaseDigest && baseImage.Root is { } baseRoot)
        {
            changes = changes.Prepend(new SetLabel(Annotations.BaseDigest, baseRoot.Digest.ToString()));
        }

        foreach (var change in changes)
        {
            containerConfig = change.Apply(containerConfig);
            history.Add(new HistoryEntry { Created = created, CreatedBy = $"{plan.CreatedByPrefix}: {change.Describe()}", EmptyLayer = true });
        }

        var config = baseConfig with
        {
            Created = created,
            Config = containerConfig,
            RootFs = baseConfig.RootFs with { DiffIds = diffIds },
            History = history,
        };
        var configBlob = JsonBlobs.Config(config, docker ? MediaTypes.DockerConfig : MediaTypes.OciConfig);

        var baseLayers = selected?.Manifest.Value.Layers ?? [];
        var manifestLayers = baseLayers.Select(l => l with { MediaType = ConvertLayerType(l.MediaType, docker) })
            .Concat(layers.Select(l => new Descriptor { MediaType = l.Layer.MediaType, Digest = l.Layer.Digest, Size = l.Layer.Size }))
            .ToList();
        var manifest = new ImageManifest
        {
            MediaType = docker ? MediaTypes.DockerManifest : MediaTypes.OciManifest,
            Config = configBlob.ToDescriptor(),
            Layers = manifestLayers,
            Annotations = docker ? null : ManifestAnnotations(plan, baseImage),
        };
        return (configBlob, JsonBlobs.Manifest(manifest));
    }

    /// <summary>The plan's annotations plus base.name/base.digest; null when there are none (Docker manifests carry none).</summary>
    public static IReadOnlyDictionary<string, string>? ManifestAnnotations(BuildPlan plan, BaseImage baseImage)
    {
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (baseImage.Root is { } root)
        {
            annotations[Annotations.BaseDigest] = root.Digest.ToString();
            if (baseImage.Name is { } name)
            {
                annotations[Annotations.BaseName] = name;
            }
        }

        foreach (var (key, value) in plan.Annotations)
        {
            annotations[key] = value;
        }

        return annotations.Count == 0 ? null : annotations;
    }

    /// <summary>A base layer's media type in the built manifest's family; the bytes stay the same.</summary>
    internal static string ConvertLayerType(string mediaType, bool docker) => (mediaType, docker) switch
    {
        (MediaTypes.OciLayerGzip, true) => MediaTypes.DockerLayerGzip,
        (MediaTypes.OciLayer, true) => "application/vnd.docker.image.rootfs.diff.tar",
        (MediaTypes.OciLayerZstd, true) => throw new InvalidInputException("the base image has zstd layers, which Docker manifests cannot hold: build with --format oci"),
        (MediaTypes.DockerLayerGzip, false) => MediaTypes.OciLayerGzip,
        ("application/vnd.docker.image.rootfs.diff.tar", false) => MediaTypes.OciLayer,
        _ => mediaType,
    };
}
