using ImageBuild.Content;
using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>The blobs reachable from some roots in one layout: those present (with sizes) and those missing.</summary>
public sealed record LayoutGraphWalk(IReadOnlyDictionary<Digest, long> Present, IReadOnlyList<MissingBlob> Missing)
{
    /// <summary>Documents present but unreadable (corrupt or not parseable); only a walk that continues past them records any.</summary>
    public IReadOnlyList<UnreadableBlob> Unreadable { get; init; } = [];

    /// <summary>
    /// The <see cref="ContentWalk"/> of a layout: a blob is present when its file exists, and every absent blob is
    /// recorded (<see cref="MissingBlob.IsTolerated"/> tells which ones the layout may lack).
    /// </summary>
    /// <param name="continuePastUnreadable">
    /// Record a damaged manifest or index in <see cref="Unreadable"/> and go on (its children stay unknown),
    /// so a store check reports everything at once; otherwise the read error is thrown.
    /// </param>
    public static async Task<LayoutGraphWalk> WalkAsync(
        OciLayout layout, IEnumerable<Descriptor> roots, bool continuePastUnreadable = false, CancellationToken cancellationToken = default)
    {
        var walk = await ContentWalk.WalkAsync(
            layout,
            roots,
            new ContentWalkOptions
            {
                IsPresent = blob => File.Exists(layout.BlobPath(blob.Digest)),
                RecordMissing = true,
                ContinuePastUnreadable = continuePastUnreadable,
            },
            cancellationToken);

        // A damaged document is still a file on disk: it counts in the image's size and is not garbage.
        var present = walk.Nodes.Select(n => n.Descriptor).Concat(walk.Unreadable.Select(u => u.Blob))
            .ToDictionary(d => d.Digest, d => d.Size);
        return new LayoutGraphWalk(present, walk.Missing) { Unreadable = walk.Unreadable };
    }

    /// <summary>Total size of the present blobs.</summary>
    public long PresentSize => Present.Values.Sum();
}
