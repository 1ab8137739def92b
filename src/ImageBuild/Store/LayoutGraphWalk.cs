using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>A blob the graph names but the layout does not hold, and the document that named it.</summary>
public sealed record MissingBlob(Descriptor Blob, Descriptor? Parent)
{
    /// <summary>
    /// True when a layout may legitimately lack the blob: a manifest left out of an index by a
    /// single-platform pull, or a foreign layer that is fetched from its <c>urls</c>.
    /// </summary>
    public bool IsTolerated =>
        Blob.Urls is { Count: > 0 }
        || (Parent is not null && MediaTypes.IsIndex(Parent.MediaType) && ContentGraph.HasChildren(Blob));
}

/// <summary>The blobs reachable from some roots in one layout: those present (with sizes) and those missing.</summary>
public sealed record LayoutGraphWalk(IReadOnlyDictionary<Digest, long> Present, IReadOnlyList<MissingBlob> Missing)
{
    /// <summary>Documents present but unreadable (corrupt or not parseable); only a walk that continues past them records any.</summary>
    public IReadOnlyList<UnreadableBlob> Unreadable { get; init; } = [];

    /// <summary>Walks index -> manifests -> config and layers, through nested indexes, each digest once.</summary>
    /// <param name="continuePastUnreadable">
    /// Record a damaged manifest or index in <see cref="Unreadable"/> and go on (its children stay unknown),
    /// so a store check reports everything at once; otherwise the read error is thrown.
    /// </param>
    public static async Task<LayoutGraphWalk> WalkAsync(
        OciLayout layout, IEnumerable<Descriptor> roots, bool continuePastUnreadable = false, CancellationToken cancellationToken = default)
    {
        var present = new Dictionary<Digest, long>();
        var missing = new List<MissingBlob>();
        var unreadable = new List<UnreadableBlob>();
        var visited = new HashSet<Digest>();
        var pending = new Stack<(Descriptor Blob, Descriptor? Parent)>(roots.Reverse().Select(r => (r, (Descriptor?)null)));
        while (pending.Count > 0)
        {
            var (blob, parent) = pending.Pop();
            if (!visited.Add(blob.Digest))
            {
                continue;
            }

            if (!File.Exists(layout.BlobPath(blob.Digest)))
            {
                missing.Add(new MissingBlob(blob, parent));
                continue;
            }

            present[blob.Digest] = blob.Size;
            IReadOnlyList<Descriptor> children;
            try
            {
                children = await ContentGraph.ChildrenAsync(layout, blob, cancellationToken);
            }
            catch (ImageBuildException ex) when (continuePastUnreadable)
            {
                unreadable.Add(new UnreadableBlob(blob, ex.Message));
                continue;
            }

            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push((children[i], blob));
            }
        }

        return new LayoutGraphWalk(present, missing) { Unreadable = unreadable };
    }

    /// <summary>Total size of the present blobs.</summary>
    public long PresentSize => Present.Values.Sum();
}
