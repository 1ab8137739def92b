using ImageBuild.Oci;

namespace ImageBuild.Tests.Store;

/// <summary>An image <see cref="ImageFactory"/> wrote: its blobs and what they add up to.</summary>
public sealed record BuiltImage(Descriptor Manifest, Descriptor Config, IReadOnlyList<BuiltLayer> Layers, string Created)
{
    public Digest Id => Config.Digest;

    public IEnumerable<Digest> AllDigests => [Manifest.Digest, Config.Digest, .. Layers.Select(l => l.Blob.Digest)];

    /// <summary>Manifest, config and compressed layers, which is what the store counts as an image's size.</summary>
    public long DiskSize => Manifest.Size + Config.Size + Layers.Sum(l => l.Blob.Size);

    public Descriptor ForPlatform(string architecture) =>
        Manifest with { Platform = new Platform { Os = "linux", Architecture = architecture } };
}

/// <summary>A gzip layer blob and the digest of its uncompressed content.</summary>
public sealed record BuiltLayer(Descriptor Blob, Digest DiffId);
