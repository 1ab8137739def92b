namespace ImageBuild.Transfers;

/// <summary>A read-only stream that opens the real one when first read; disposing an unread one opens nothing.</summary>
internal sealed class DeferredReadStream(Func<CancellationToken, Task<Stream>> open, long length) : Stream
{
    private Stream? inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => inner?.Position ?? 0;
        set => throw new NotSupportedException();
    }

    // Opening is asynchronous (a registry request); every consumer here reads asynchronously.
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("a deferred blob stream is read asynchronously");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        inner ??= await open(cancellationToken);
        return await inner.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

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
