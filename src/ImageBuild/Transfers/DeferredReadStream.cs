using ImageBuild.IO;

namespace ImageBuild.Transfers;

/// <summary>A read-only stream that opens the real one when first read; disposing an unread one opens nothing.</summary>
internal sealed class DeferredReadStream(Func<CancellationToken, Task<Stream>> open, long length) : ForwardReadStream
{
    private Stream? inner;
    private long read;

    public override long Length => length;

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    // Opening is asynchronous (a registry request); every consumer here reads asynchronously.
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("a deferred blob stream is read asynchronously");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        inner ??= await open(cancellationToken);
        var count = await inner.ReadAsync(buffer, cancellationToken);
        read += count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner?.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (inner is not null)
        {
            await inner.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
