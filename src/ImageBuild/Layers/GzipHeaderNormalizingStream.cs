namespace ImageBuild.Layers;

/// <summary>
/// Rewrites the OS byte of the gzip header GZipStream writes. zlib stamps the build platform there
/// (3 on Unix, 10 on Windows, 19 on macOS), so the same tar would get a different digest on each;
/// 255 ("unknown") is what Go's compress/gzip, and so most layer tools, write.
/// </summary>
internal sealed class GzipHeaderNormalizingStream(Stream inner) : PassThroughWriteStream(inner)
{
    private const int OsByteOffset = 9;
    private const byte UnknownOs = 255;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!CoversOsByte(buffer.Length))
        {
            BytesWritten += buffer.Length;
            Inner.Write(buffer);
            return;
        }

        Inner.Write(Patched(buffer));
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!CoversOsByte(buffer.Length))
        {
            BytesWritten += buffer.Length;
            return Inner.WriteAsync(buffer, cancellationToken);
        }

        return Inner.WriteAsync(Patched(buffer.Span), cancellationToken);
    }

    private bool CoversOsByte(int count) => BytesWritten <= OsByteOffset && BytesWritten + count > OsByteOffset;

    private byte[] Patched(ReadOnlySpan<byte> buffer)
    {
        var copy = buffer.ToArray();
        copy[OsByteOffset - BytesWritten] = UnknownOs;
        BytesWritten += copy.Length;
        return copy;
    }
}
