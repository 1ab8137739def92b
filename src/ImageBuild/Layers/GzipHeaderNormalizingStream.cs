namespace ImageBuild.Layers;

/// <summary>
/// Rewrites the OS byte of the gzip header GZipStream writes. zlib stamps the build platform there
/// (3 on Unix, 10 on Windows, 19 on macOS), so the same tar would get a different digest on each;
/// 255 ("unknown") is what Go's compress/gzip, and so most layer tools, write.
/// </summary>
internal sealed class GzipHeaderNormalizingStream(Stream inner) : Stream
{
    private const int OsByteOffset = 9;
    private const byte UnknownOs = 255;

    private long _position;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _position;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!CoversOsByte(buffer.Length))
        {
            _position += buffer.Length;
            inner.Write(buffer);
            return;
        }

        var copy = buffer.ToArray();
        Patch(copy);
        inner.Write(copy);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!CoversOsByte(buffer.Length))
        {
            _position += buffer.Length;
            return inner.WriteAsync(buffer, cancellationToken);
        }

        var copy = buffer.ToArray();
        Patch(copy);
        return inner.WriteAsync(copy, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private bool CoversOsByte(int count) => _position <= OsByteOffset && _position + count > OsByteOffset;

    private void Patch(byte[] copy)
    {
        copy[OsByteOffset - _position] = UnknownOs;
        _position += copy.Length;
    }
}
