using ImageBuild.Registry.Resilience;

namespace ImageBuild.Registry;

/// <summary>
/// A blob download that survives a connection dropping or stalling mid-body (no byte within the transport's body
/// read timeout, <see cref="RegistryTransportOptions.BodyReadTimeout"/>, which fails the read as an
/// <see cref="IOException"/>): it asks again from the byte where it stopped (a Range request), skipping ahead itself when
/// the registry sends the whole blob instead. After <see cref="RetryOptions.MaxRetries"/> breaks it gives up with a
/// one-line <see cref="RegistryException"/>. The consumer still verifies the digest, so a resumed download that
/// went wrong can never be stored.
/// </summary>
internal sealed class ResumingDownloadStream(
    Stream first,
    Func<long, CancellationToken, Task<(Stream Content, bool FromOffset)>> reopen,
    string what,
    RetryOptions retry) : Stream
{
    private Stream current = first;
    private long position;
    private int resumes;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken = default) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                var read = await current.ReadAsync(buffer, cancellationToken);
                position += read;
                return read;
            }
            catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (resumes >= retry.MaxRetries)
                {
                    throw new RegistryException(
                        $"the download of {what} broke off {resumes + 1} times (last after {position} bytes: {ex.Message}); check the connection and try again",
                        innerException: ex);
                }

                resumes++;
                await ResumeAsync(cancellationToken);
            }
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await current.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            current.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        await current.DisposeAsync();
        var (content, fromOffset) = await reopen(position, cancellationToken);
        current = content;
        if (fromOffset)
        {
            return;
        }

        // The registry ignored the range: read past what was already handed out.
        if (!await StreamSkipping.SkipAsync(current, position, cancellationToken))
        {
            throw new RegistryException($"the download of {what} resumed with a shorter blob than before; the registry changed it while it was read");
        }
    }
}
