namespace ImageBuild.Archives;

/// <summary>A read-only window onto <c>[offset, offset + length)</c> of a seekable stream, which it owns.</summary>
internal sealed class SliceReadStream : Stream
{
    private readonly Stream inner;
    private readonly long offset;
    private readonly long length;
    private long position;

    public SliceReadStream(Stream inner, long offset, long length)
    {
        this.inner = inner;
        this.offset = offset;
        this.length = length;
        inner.Seek(offset, SeekOrigin.Begin);
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer[..Allowed(buffer.Length)]);
        position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken = default) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken);
        position += read;
        return read;
    }

    public override long Seek(long seekOffset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => seekOffset,
            SeekOrigin.Current => position + seekOffset,
            _ => length + seekOffset,
        };
        if (target < 0 || target > length)
        {
            throw new IOException($"cannot seek to {target} in a {length}-byte archive entry");
        }

        inner.Seek(offset + target, SeekOrigin.Begin);
        position = target;
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Allowed(int requested) => (int)Math.Min(requested, length - position);
}
