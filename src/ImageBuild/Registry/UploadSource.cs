using ImageBuild.Errors;

namespace ImageBuild.Registry;

/// <summary>
/// Where an upload reads the blob from, and how it gets back to an offset after a broken chunk: by
/// re-opening (the caller's opener) or by seeking (a seekable stream the caller owns).
/// </summary>
internal sealed class UploadSource
{
    private readonly Func<long, CancellationToken, Task<Stream>>? opener;
    private readonly Stream? stream;
    private readonly long start;
    private bool handedOut;

    private UploadSource(Func<long, CancellationToken, Task<Stream>>? opener, Stream? stream)
    {
        this.opener = opener;
        this.stream = stream;
        start = stream is { CanSeek: true } ? stream.Position : 0;
    }

    /// <summary>True when the blob can be read again from the start (an opener, or a seekable stream).</summary>
    public bool CanRestart => opener is not null || stream!.CanSeek;

    public static UploadSource FromOpener(Func<long, CancellationToken, Task<Stream>> openAt) => new(openAt, null);

    /// <summary>A source opened from the start each time and moved forward to the offset (seeking when it can).</summary>
    public static UploadSource FromReopener(Func<CancellationToken, Task<Stream>> open, string subject) => new(
        async (offset, cancellationToken) =>
        {
            var stream = await open(cancellationToken);
            if (offset > 0 && !await StreamSkipping.SkipAsync(stream, offset, cancellationToken))
            {
                await stream.DisposeAsync();
                throw new ImageBuildException($"cannot resume the upload of {subject}: its source is shorter than {offset} bytes now; it changed while it was pushed");
            }

            return stream;
        },
        null);

    public static UploadSource FromStream(Stream stream) => new(null, stream);

    /// <summary>A stream positioned at <paramref name="offset"/> bytes into the blob.</summary>
    public async Task<Stream> OpenAtAsync(long offset, string subject, CancellationToken cancellationToken = default)
    {
        if (opener is not null)
        {
            return await opener(offset, cancellationToken);
        }

        if (stream!.CanSeek)
        {
            stream.Position = start + offset;
        }
        else if (handedOut || offset != 0)
        {
            throw new ImageBuildException($"cannot resume the upload of {subject}: its source stream cannot seek; try the push again");
        }

        handedOut = true;
        return stream;
    }

    /// <summary>Disposes streams this source opened; a stream the caller passed in stays the caller's.</summary>
    public async ValueTask ReleaseAsync(Stream? opened)
    {
        if (opener is not null && opened is not null)
        {
            await opened.DisposeAsync();
        }
    }
}
