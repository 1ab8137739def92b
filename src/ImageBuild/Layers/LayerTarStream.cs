using ImageBuild.Errors;
using ImageBuild.IO;
using ImageBuild.Oci;
using ZstdSharp;

namespace ImageBuild.Layers;

/// <summary>
/// A layer's tar, decompressed, that makes its blob read to the very end: once the tar ends (a decompressor
/// may stop before a truncated trailer) and when the decompressor fails. A verifying blob stream below then
/// names the damage (size or digest) instead of a decompressor's message or, worse, nothing. Disposing it
/// disposes both.
/// </summary>
internal sealed class LayerTarStream(Stream tar, Stream blob, LayerCompression compression) : ForwardReadStream
{
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = tar.Read(buffer);
        }
        catch (Exception ex) when (ex is InvalidDataException or ZstdException)
        {
            blob.CopyTo(Null);
            throw Undecodable(ex);
        }

        if (read == 0 && buffer.Length > 0)
        {
            blob.CopyTo(Null);
        }

        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await tar.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or ZstdException)
        {
            await blob.CopyToAsync(Null, cancellationToken);
            throw Undecodable(ex);
        }

        if (read == 0 && buffer.Length > 0)
        {
            await blob.CopyToAsync(Null, cancellationToken);
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            tar.Dispose();
            blob.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await tar.DisposeAsync();
        await blob.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private ImageBuildException Undecodable(Exception ex) =>
        new($"a layer blob that reads whole cannot be decompressed as {compression.ToString().ToLowerInvariant()} ({ex.Message}): the image was built wrongly; rebuild it", ex);
}
