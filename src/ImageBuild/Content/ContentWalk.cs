using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>
/// The one sequential walk of the content graph under some roots (<see cref="ContentGraph"/>'s edges: index ->
/// manifests -> config and layers; anything else, an artifact child of an index included, is a leaf that
/// travels like any blob). Each digest is reached once; <see cref="Nodes"/> lists every blob after everything it
/// names, so a writer that follows the order never holds a document whose children it lacks. Absent blobs follow
/// <see cref="MissingBlobPolicy"/>: tolerated ones are recorded and skipped, others throw unless recorded on request.
/// </summary>
public sealed record ContentWalk(IReadOnlyList<ContentNode> Nodes, IReadOnlyList<MissingBlob> Missing)
{
    /// <summary>Documents present but unreadable; only a walk told to continue past them records any.</summary>
    public IReadOnlyList<UnreadableBlob> Unreadable { get; init; } = [];

    /// <summary>Walks the graphs of <paramref name="roots"/> in order, children first.</summary>
    public static async Task<ContentWalk> WalkAsync(
        IBlobReader reader, IEnumerable<Descriptor> roots, ContentWalkOptions? options = null, CancellationToken cancellationToken = default)
    {
        var run = new WalkRun(reader, options ?? ContentWalkOptions.Default);
        foreach (var root in roots)
        {
            await run.VisitAsync(root, parent: null, cancellationToken);
        }

        return new ContentWalk(run.Nodes, run.Missing) { Unreadable = run.Unreadable };
    }

    private sealed class WalkRun(IBlobReader reader, ContentWalkOptions options)
    {
        private readonly HashSet<Digest> visited = [];

        public List<ContentNode> Nodes { get; } = [];

        public List<MissingBlob> Missing { get; } = [];

        public List<UnreadableBlob> Unreadable { get; } = [];

        public async Task VisitAsync(Descriptor descriptor, Descriptor? parent, CancellationToken cancellationToken)
        {
            if (!visited.Add(descriptor.Digest))
            {
                return;
            }

            if (!await IsPresentAsync(descriptor, parent, cancellationToken))
            {
                AddMissing(descriptor, parent, notFound: null);
                return;
            }

            if (!ContentGraph.HasChildren(descriptor))
            {
                Nodes.Add(new ContentNode(descriptor, parent, null));
                return;
            }

            byte[] document;
            IReadOnlyList<Descriptor> children;
            try
            {
                document = await reader.ReadSmallBlobAsync(descriptor, cancellationToken);
                children = ContentGraph.ChildrenOf(descriptor, document);
            }
            catch (NotFoundException ex)
            {
                AddMissing(descriptor, parent, ex);
                return;
            }
            catch (ImageBuildException ex) when (options.ContinuePastUnreadable)
            {
                Unreadable.Add(new UnreadableBlob(descriptor, ex.Message));
                return;
            }

            foreach (var child in children)
            {
                await VisitAsync(child, descriptor, cancellationToken);
            }

            Nodes.Add(new ContentNode(descriptor, parent, document));
        }

        private async Task<bool> IsPresentAsync(Descriptor descriptor, Descriptor? parent, CancellationToken cancellationToken)
        {
            if (options.IsPresent is { } isPresent)
            {
                return isPresent(descriptor);
            }

            // A document shows whether it is there when it is read; a leaf that may be absent is read to see, so
            // the caller meets only leaves whose absence is an error.
            if (ContentGraph.HasChildren(descriptor) || !MissingBlobPolicy.IsTolerated(descriptor, parent))
            {
                return true;
            }

            return await MissingBlobPolicy.IsPresentAsync(reader, descriptor, cancellationToken);
        }

        private void AddMissing(Descriptor descriptor, Descriptor? parent, NotFoundException? notFound)
        {
            var missing = new MissingBlob(descriptor, parent);
            if (!missing.IsTolerated && !options.RecordMissing)
            {
                var via = parent is null ? string.Empty : $" (named by {parent.Digest})";
                throw notFound ?? new NotFoundException($"{descriptor.MediaType} {descriptor.Digest}{via} is missing; the image is incomplete");
            }

            Missing.Add(missing);
        }
    }
}
