using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>
/// Copies the graph under a root descriptor from one location to another. Children are written before the
/// document that names them, so a target never holds a manifest whose config or layers it lacks (unless
/// the caller allowed missing index children). Each digest is visited once per copy.
/// </summary>
public sealed class ContentCopier
{
    private readonly IBlobReader source;
    private readonly IBlobWriter target;

    public ContentCopier(IBlobReader source, IBlobWriter target)
    {
        this.source = source;
        this.target = target;
    }

    public async Task<ContentCopySummary> CopyAsync(
        Descriptor root, CancellationToken cancellationToken, ContentCopyOptions? options = null)
    {
        var run = new CopyRun(source, target, options ?? ContentCopyOptions.Default);
        await run.CopyAsync(root, parent: null, cancellationToken);
        return new ContentCopySummary(run.Copied, run.Skipped, run.Bytes, run.Missing);
    }

    /// <summary>The state of one copy, kept out of the copier so a copier can be reused and shared.</summary>
    private sealed class CopyRun(IBlobReader source, IBlobWriter target, ContentCopyOptions options)
    {
        private readonly HashSet<Digest> visited = [];

        public int Copied { get; private set; }

        public int Skipped { get; private set; }

        public long Bytes { get; private set; }

        public List<Descriptor> Missing { get; } = [];

        public async Task CopyAsync(Descriptor descriptor, Descriptor? parent, CancellationToken cancellationToken)
        {
            if (!visited.Add(descriptor.Digest))
            {
                return;
            }

            if (ContentGraph.HasChildren(descriptor))
            {
                await CopyDocumentAsync(descriptor, parent, cancellationToken);
            }
            else
            {
                await CopyLeafAsync(descriptor, parent, cancellationToken);
            }
        }

        private bool MayBeMissing(Descriptor descriptor, Descriptor? parent) =>
            descriptor.Urls is { Count: > 0 }
            || (options.AllowMissingIndexChildren && parent is not null && MediaTypes.IsIndex(parent.MediaType));

        private async Task CopyDocumentAsync(Descriptor descriptor, Descriptor? parent, CancellationToken cancellationToken)
        {
            byte[] bytes;
            try
            {
                bytes = await source.ReadSmallBlobAsync(descriptor, cancellationToken);
            }
            catch (NotFoundException) when (MayBeMissing(descriptor, parent))
            {
                Missing.Add(descriptor);
                return;
            }

            foreach (var child in ContentGraph.ChildrenOf(descriptor, bytes))
            {
                await CopyAsync(child, descriptor, cancellationToken);
            }

            if (await target.HasBlobAsync(descriptor, cancellationToken))
            {
                Skipped++;
                return;
            }

            using var content = new MemoryStream(bytes, writable: false);
            await target.WriteBlobAsync(descriptor, content, cancellationToken);
            Count(descriptor);
        }

        private async Task CopyLeafAsync(Descriptor descriptor, Descriptor? parent, CancellationToken cancellationToken)
        {
            if (await target.HasBlobAsync(descriptor, cancellationToken))
            {
                Skipped++;
                return;
            }

            Stream content;
            try
            {
                content = await source.OpenBlobAsync(descriptor, cancellationToken);
            }
            catch (NotFoundException) when (MayBeMissing(descriptor, parent))
            {
                Missing.Add(descriptor);
                return;
            }

            await using var opened = content;
            await target.WriteBlobAsync(descriptor, content, cancellationToken);
            Count(descriptor);
        }

        private void Count(Descriptor descriptor)
        {
            Copied++;
            Bytes += descriptor.Size;
        }
    }
}
