using ImageBuild.IO;
using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>Reports how many bytes of a blob have been read, at most every 256 KiB so progress costs nothing.</summary>
internal sealed class ProgressReadStream(Stream inner, Descriptor blob, IProgress<BlobTransferEvent> progress) : ForwardReadStream
{
    private const long ReportEvery = 256 * 1024;
    private long read;
    private long lastReported;

    public override long Length => inner.Length;

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    private int Count(int bytes)
    {
        read += bytes;
        if (read - lastReported >= ReportEvery || (bytes == 0 && read != lastReported))
        {
            lastReported = read;
            progress.Report(new BlobTransferEvent(blob, BlobTransferStage.Transferring, read));
        }

        return bytes;
    }
}
