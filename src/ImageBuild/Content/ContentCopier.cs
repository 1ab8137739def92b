using System.Collections.Concurrent;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>
/// Copies the graph under a root descriptor from one location to another. Children are written before the
/// document that names them, so a target never holds a manifest whose config or layers it lacks (unless
/// the caller allowed missing index children). Each digest is transferred once per copy, however many
/// images of an index share it, and at most <see cref="ContentCopyOptions.Parallelism"/> blobs move at once.
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
        Descriptor root, ContentCopyOptions? options = null, CancellationToken cancellationToken = default)
    {
        var chosen = options ?? ContentCopyOptions.Default;
        using var run = new CopyRun(source, target, chosen);
        await run.CopyAsync(root, parent: null, cancellationToken);
        return run.Summary();
    }

    /// <summary>The state of one copy, kept out of the copier so a copier can be reused and shared.</summary>
    private sealed class CopyRun(IBlobReader source, IBlobWriter target, ContentCopyOptions options) : IDisposable
    {
        private readonly ConcurrentDictionary<Digest, Lazy<Task>> started = new();
        private readonly ConcurrentQueue<Descriptor> missing = new();
        private readonly SemaphoreSlim slots = new(Math.Max(1, options.Parallelism));
        private int copied;
        private int skipped;
        private long bytes;

        public ContentCopySummary Summary() => new(copied, skipped, Interlocked.Read(ref bytes), missing.ToList());

        /// <summary>Copies one node; a digest already under way is awaited instead of copied again.</summary>
        public Task CopyAsync(Descriptor descriptor, Descriptor? parent, CancellationToken cancellationToken = default) =>
            started.GetOrAdd(
                descriptor.Digest,
                _ => new Lazy<Task>(() => ContentGraph.HasChildren(descriptor)
                    ? CopyDocumentAsync(descriptor, parent, cancellationToken)
                    : CopyLeafAsync(descriptor, parent, cancellationToken))).Value;

        public void Dispose() => slots.Dispose();

        private bool MayBeMissing(Descriptor descriptor, Descriptor? parent) =>
            descriptor.Urls is { Count: > 0 }
            || (options.AllowMissingIndexChildren && parent is not null && MediaTypes.IsIndex(parent.MediaType));

        private async Task CopyDocumentAsync(Descriptor descriptor, Descriptor? parent, CancellationToken cancellationToken)
        {
            byte[] content;
            try
            {
                content = await source.ReadSmallBlobAsync(descriptor, cancellationToken);
            }
            catch (NotFoundException) when (MayBeMissing(descriptor, parent))
            {
                missing.Enqueue(descriptor);
                return;
            }

            var children = ContentGraph.ChildrenOf(descriptor, content);
            if (MediaTypes.IsIndex(descriptor.MediaType) && options.IndexChildFilter is { } filter)
            {
                children = children.Where(filter).ToList();
            }

            // Documents do not hold a slot while their children run, so nesting can never exhaust the slots.
            await Task.WhenAll(children.Select(child => CopyAsync(child, descriptor, cancellationToken)));
            await WriteAsync(descriptor, () => Task.FromResult<Stream>(new MemoryStream(content, writable: false)), parent, cancellationToken);
        }

        private Task CopyLeafAsync(Descriptor descriptor, Descriptor? parent, CancellationToken cancellationToken) =>
            WriteAsync(descriptor, () => source.OpenBlobAsync(descriptor, cancellationToken), parent, cancellationToken);

        private async Task WriteAsync(Descriptor descriptor, Func<Task<Stream>> open, Descriptor? parent, CancellationToken cancellationToken)
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                if (await target.HasBlobAsync(descriptor, cancellationToken))
                {
                    Interlocked.Increment(ref skipped);
                    options.Progress?.Report(new BlobTransferEvent(descriptor, BlobTransferStage.Skipped, descriptor.Size));
                    return;
                }

                Stream? pending;
                try
                {
                    pending = await open();
                }
                catch (NotFoundException) when (MayBeMissing(descriptor, parent))
                {
                    missing.Enqueue(descriptor);
                    return;
                }

                options.Progress?.Report(new BlobTransferEvent(descriptor, BlobTransferStage.Started, 0));
                try
                {
                    // The first attempt gets the stream opened above; a writer that tries again (an upload that
                    // failed part-way) opens the blob afresh.
                    await target.WriteBlobAsync(
                        descriptor,
                        async _ =>
                        {
                            var content = Interlocked.Exchange(ref pending, null) ?? await open();
                            return options.Progress is { } progress ? new ProgressReadStream(content, descriptor, progress) : content;
                        },
                        cancellationToken);
                }
                finally
                {
                    if (pending is not null)
                    {
                        await pending.DisposeAsync();
                    }
                }

                Interlocked.Increment(ref copied);
                Interlocked.Add(ref bytes, descriptor.Size);
                options.Progress?.Report(new BlobTransferEvent(descriptor, BlobTransferStage.Completed, descriptor.Size));
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
