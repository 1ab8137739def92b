namespace ImageBuild.Layers;

/// <summary>
/// Writes everything to <c>inner</c> and then to <c>copy</c>, in order: a blob's bytes go to its file and, on the
/// same pass, to a second reader (a registry upload streaming the layer while it is made).
/// </summary>
internal sealed class CopyingWriteStream(Stream inner, Stream copy) : PassThroughWriteStream(inner)
{
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Inner.Write(buffer);
        copy.Write(buffer);
        BytesWritten += buffer.Length;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Inner.WriteAsync(buffer, cancellationToken);
        await copy.WriteAsync(buffer, cancellationToken);
        BytesWritten += buffer.Length;
    }
}
