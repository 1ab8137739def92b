using ImageBuild.Content;
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
    /// <summary>Walks index -> manifests -> config and layers, through nested indexes, each digest once.</summary>
    public static async Task<LayoutGraphWalk> WalkAsync(OciLayout layout, IEnumerable<Descriptor> roots, CancellationToken cancellationToken)
    {
        var present = new Dictionary<Digest, long>();
        var missing = new List<MissingBlob>();
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
            var children = await ContentGraph.ChildrenAsync(layout, blob, cancellationToken);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push((children[i], blob));
            }
        }

        return new LayoutGraphWalk(present, missing);
    }

    /// <summary>Total size of the present blobs.</summary>
    public long PresentSize => Present.Values.Sum();
}
