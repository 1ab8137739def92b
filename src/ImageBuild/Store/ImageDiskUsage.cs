using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>
/// The blobs of one image that are on disk (manifest, config, compressed layers; for an index also the
/// index and every child present) and their total. Blob sets of several images give shared and unique sizes.
/// </summary>
public sealed record ImageDiskUsage(long Size, IReadOnlyDictionary<Digest, long> Blobs)
{
    /// <summary>The part of <see cref="Size"/> in blobs no image of <paramref name="others"/> uses.</summary>
    public long UniqueSize(IEnumerable<ImageDiskUsage> others)
    {
        var shared = others.Where(o => !ReferenceEquals(o, this)).SelectMany(o => o.Blobs.Keys).ToHashSet();
        return Blobs.Where(b => !shared.Contains(b.Key)).Sum(b => b.Value);
    }
}
