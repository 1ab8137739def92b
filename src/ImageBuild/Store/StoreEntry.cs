using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>
/// One index.json entry of the store: a manifest or index, tagged with <see cref="RefName"/> or dangling
/// (null). An image with several tags has several entries with the same digest.
/// </summary>
/// <param name="LastTagTime">When <see cref="RefName"/> was last pointed at this image, when known.</param>
/// <param name="PulledFrom">The reference the image was first pulled from, when it was pulled.</param>
public sealed record StoreEntry(Descriptor Descriptor, string? RefName, DateTimeOffset? LastTagTime, string? PulledFrom)
{
    /// <summary>Every registry reference (name@digest) the manifest was pulled from, <see cref="PulledFrom"/> first.</summary>
    public IReadOnlyList<string> PulledFromAll { get; init; } = PulledFrom is null ? [] : [PulledFrom];

    public Digest Digest => Descriptor.Digest;

    public bool IsDangling => RefName is null;

    public bool IsIndex => MediaTypes.IsIndex(Descriptor.MediaType);
}
