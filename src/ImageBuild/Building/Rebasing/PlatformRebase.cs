using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Building.Rebasing;

/// <summary>
/// crane's rebase of one platform image: the old base's layers at the bottom of the image are replaced by the new
/// base's, the image's own layers are kept byte for byte, and the config keeps everything of the image but
/// <c>rootfs.diff_ids</c>, the history (the new base's, then the image's own steps) and the base labels; the manifest
/// records the new base in its base annotations.
/// </summary>
internal static class PlatformRebase
{
    public static (JsonBlob<ImageConfig> Config, JsonBlob<ImageManifest> Manifest, RebasedImage Summary) Compose(
        string imageName, SelectedImage image, SelectedImage oldBase, SelectedImage newBase, Digest newBaseDigest, string? newBaseName)
    {
        var imageManifest = image.Manifest.Value;
        var imageConfig = image.Config.Value;
        var oldLayers = oldBase.Manifest.Value.Layers;
        var oldDiffIds = oldBase.Config.Value.RootFs.DiffIds;
        CheckStartsWith(imageName, image, oldBase);

        var newConfig = newBase.Config.Value;
        var history = imageConfig.History ?? [];
        var ownHistory = history.Skip(Math.Min(oldBase.Config.Value.History?.Count ?? 0, history.Count));
        var labels = imageConfig.Config?.Labels;
        var config = imageConfig with
        {
            RootFs = imageConfig.RootFs with { DiffIds = [.. newConfig.RootFs.DiffIds, .. imageConfig.RootFs.DiffIds.Skip(oldDiffIds.Count)] },
            History = [.. newConfig.History ?? [], .. ownHistory],
            Config = labels is null ? imageConfig.Config : imageConfig.Config! with { Labels = WithBase(labels, newBaseDigest, newBaseName, addMissing: false) },
        };
        var configBlob = JsonBlobs.Config(config, imageManifest.Config.MediaType);

        var appLayers = imageManifest.Layers.Skip(oldLayers.Count).ToList();
        var manifest = imageManifest with
        {
            Config = imageManifest.Config with { Digest = configBlob.Digest, Size = configBlob.Size },
            Layers = [.. newBase.Manifest.Value.Layers.Select(l => l with { MediaType = ImageComposer.ConvertLayerType(l.MediaType, imageManifest.IsDocker) }), .. appLayers],
            Annotations = imageManifest.IsDocker ? imageManifest.Annotations : WithBase(imageManifest.Annotations ?? new Dictionary<string, string>(), newBaseDigest, newBaseName, addMissing: true),
        };
        var manifestBlob = JsonBlobs.Manifest(manifest);
        var summary = new RebasedImage(
            image.Platform, image.ManifestDescriptor.Digest, manifestBlob.Digest, configBlob.Digest, oldLayers.Count, newBase.Manifest.Value.Layers.Count, appLayers.Select(l => l.Digest).ToList());
        return (configBlob, manifestBlob, summary);
    }

    /// <summary>The base annotations (or labels) pointed at the new base; labels only change when the image had them.</summary>
    public static IReadOnlyDictionary<string, string> WithBase(IReadOnlyDictionary<string, string> values, Digest digest, string? name, bool addMissing)
    {
        var changed = new SortedDictionary<string, string>(values.ToDictionary(), StringComparer.Ordinal);
        if (addMissing || changed.ContainsKey(Annotations.BaseDigest))
        {
            changed[Annotations.BaseDigest] = digest.ToString();
        }

        if (name is not null && (addMissing || changed.ContainsKey(Annotations.BaseName)))
        {
            changed[Annotations.BaseName] = name;
        }
        else if (name is null)
        {
            changed.Remove(Annotations.BaseName);
        }

        return changed;
    }

    private static void CheckStartsWith(string imageName, SelectedImage image, SelectedImage oldBase)
    {
        var layers = image.Manifest.Value.Layers;
        var diffIds = image.Config.Value.RootFs.DiffIds;
        var oldLayers = oldBase.Manifest.Value.Layers;
        var oldDiffIds = oldBase.Config.Value.RootFs.DiffIds;
        var mismatch = Enumerable.Range(0, oldLayers.Count).FirstOrDefault(i => i >= layers.Count || layers[i].Digest != oldLayers[i].Digest, -1);
        if (mismatch >= 0 || diffIds.Count < oldDiffIds.Count || !diffIds.Take(oldDiffIds.Count).SequenceEqual(oldDiffIds))
        {
            var where = mismatch >= 0 ? $"its layer {mismatch + 1} is not the old base's" : "its diff_ids do not start with the old base's";
            throw new ImageBuildException(
                $"{imageName} ({image.Platform}) was not built on the old base: {where}; give the base it was built on with --old-base");
        }
    }
}
