using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Store.Maintenance;

/// <summary>
/// A walk of the content graph that, unlike <see cref="LayoutGraphWalk"/>, does not stop at a damaged
/// document: it records it and goes on, so a check can report everything at once.
/// </summary>
/// <param name="Unreadable">Documents present but not readable (corrupt or not parseable), with the reason; their children are unknown.</param>
internal sealed record TolerantGraphWalk(IReadOnlySet<Digest> Present, IReadOnlyList<MissingBlob> Missing, IReadOnlyList<(Descriptor Blob, string Reason)> Unreadable)
{
    public static async Task<TolerantGraphWalk> WalkAsync(OciLayout layout, IEnumerable<Descriptor> roots, CancellationToken cancellationToken)
    {
        var present = new HashSet<Digest>();
        var missing = new List<MissingBlob>();
        var unreadable = new List<(Descriptor, string)>();
        var pending = new Stack<(Descriptor Blob, Descriptor? Parent)>(roots.Reverse().Select(r => (r, (Descriptor?)null)));
        var visited = new HashSet<Digest>();
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

            present.Add(blob.Digest);
            IReadOnlyList<Descriptor> children;
            try
            {
                children = await ContentGraph.ChildrenAsync(layout, blob, cancellationToken);
            }
            catch (ImageBuildException ex)
            {
                unreadable.Add((blob, ex.Message));
                continue;
            }

            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push((children[i], blob));
            }
        }

        return new TolerantGraphWalk(present, missing, unreadable);
    }

    /// <summary>True when a blob the graph needs (not a tolerated index child or foreign layer) is missing.</summary>
    public bool IsBroken => Missing.Any(m => !m.IsTolerated);
}
