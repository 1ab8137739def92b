using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>A single-platform image read from some source: its manifest and config with their exact bytes.</summary>
public sealed record SelectedImage(Descriptor ManifestDescriptor, JsonBlob<ImageManifest> Manifest, JsonBlob<ImageConfig> Config)
{
    /// <summary>The image ID: the config digest, as docker's classic store shows it.</summary>
    public Digest Id => Config.Digest;

    public Platform Platform => Config.Value.Platform;
}
