using System.Net;
using ImageBuild.IO;

namespace ImageBuild.Registry.Http;

/// <summary>A response body whose every read must make progress within a timeout (see <see cref="BodyTimeoutHandler"/>).</summary>
internal sealed class InactivityTimeoutContent : HttpContent
{
    private readonly HttpContent inner;
    private readonly TimeSpan timeout;

    public InactivityTimeoutContent(HttpContent inner, TimeSpan timeout)
    {
        this.inner = inner;
        this.timeout = timeout;
        foreach (var header in inner.Headers.NonValidated)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken = default) =>
        new TimedStream(await inner.ReadAsStreamAsync(cancellationToken), timeout);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken = default)
    {
        await using var body = await CreateContentReadStreamAsync(cancellationToken);
        await body.CopyToAsync(stream, cancellationToken);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    // The length, when the server sent one, is in the copied Content-Length header.
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class TimedStream(Stream body, TimeSpan timeout) : ForwardReadStream
    {
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            silence.CancelAfter(timeout);
            try
            {
                return await body.ReadAsync(buffer, silence.Token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new IOException($"the server sent nothing for {timeout.TotalSeconds:0} s", ex);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                body.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await body.DisposeAsync();
            GC.SuppressFinalize(this);
        }
    }
}
