using ImageBuild.Oci;

namespace ImageBuild.Building;

/// <summary>What an import stored: the manifest (tagged when a name was given) and the image ID (config digest).</summary>
public sealed record RootfsImportResult(Descriptor Manifest, Digest ImageId, Descriptor Layer, Digest DiffId);
