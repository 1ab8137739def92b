using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>
/// One single-platform image read from the store: its manifest and config, with the config's exact bytes
/// so inspect can show its <c>config</c> object as written.
/// </summary>
public sealed record PlatformImage(Descriptor ManifestDescriptor, ImageManifest Manifest, Descriptor ConfigDescriptor, ReadOnlyMemory<byte> ConfigBytes, ImageConfig Config)
{
    public Platform Platform => ManifestDescriptor.Platform ?? Config.Platform;

    public DateTimeOffset? Created => Config.CreatedTime;

    public IReadOnlyDictionary<string, string> Labels =>
        Config.Config?.Labels ?? new Dictionary<string, string>(StringComparer.Ordinal);
}
