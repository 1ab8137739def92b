using ImageBuild.IO;

namespace ImageBuild.Archives;

/// <summary>
/// Lets TarWriter stream an entry of known size into an unseekable archive (a pipe, a daemon's load request).
/// TarWriter refuses an unseekable data stream there only because it must learn the size before the header; it
/// reads Length and Position and never seeks, so this answers both and claims seekability.
/// </summary>
internal sealed class SizedEntryStream(Stream inner, long size) : ForwardReadStream
{
    private long read;

    public override bool CanSeek => true;

    public override long Length => size;

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        read += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        read += n;
        return n;
    }
}
