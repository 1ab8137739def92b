using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>
/// A single-platform image read from some source (a registry, an archive, the store): its manifest and config with
/// their exact bytes, so inspect can show the config as written. Every command that picks one image gets this.
/// </summary>
public sealed record SelectedImage(Descriptor ManifestDescriptor, JsonBlob<ImageManifest> Manifest, JsonBlob<ImageConfig> Config)
{
    /// <summary>The image ID: the config digest, as docker's classic store shows it.</summary>
    public Digest Id => Config.Digest;

    public Platform Platform => Config.Value.Platform;

    /// <summary>The config's descriptor, as the manifest names it.</summary>
    public Descriptor ConfigDescriptor => Manifest.Value.Config;

    /// <summary>The config's creation time, when it has one that parses.</summary>
    public DateTimeOffset? Created => Config.Value.CreatedTime;

    /// <summary>The config's labels (empty when it has none).</summary>
    public IReadOnlyDictionary<string, string> Labels =>
        Config.Value.Config?.Labels ?? new Dictionary<string, string>(StringComparer.Ordinal);
}
