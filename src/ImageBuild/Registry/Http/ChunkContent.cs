using System.Net;
using ImageBuild.Errors;

namespace ImageBuild.Registry.Http;

/// <summary>
/// Exactly <c>length</c> bytes from the current position of a source stream, sent with a known
/// Content-Length. It does not own the source, so a broken chunk leaves the stream to be re-opened or
/// seeked for the resume; a source that ends early fails the request instead of sending a short body.
/// </summary>
internal sealed class ChunkContent : HttpContent
{
    private const int BufferSize = 81920;
    private readonly Stream source;
    private readonly long length;

    public ChunkContent(Stream source, long length)
    {
        this.source = source;
        this.length = length;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
    }

    /// <summary>Called once the last byte is handed to the connection: from then on only the answer is awaited.</summary>
    public Action? Sent { get; init; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[(int)Math.Min(BufferSize, Math.Max(1, length))];
        var remaining = length;
        while (remaining > 0)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
            if (read == 0)
            {
                throw new ImageBuildException($"the blob source ended {remaining} bytes early: it is shorter than its descriptor says");
            }

            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            remaining -= read;
        }

        Sent?.Invoke();
    }

    protected override bool TryComputeLength(out long computed)
    {
        computed = length;
        return true;
    }
}
