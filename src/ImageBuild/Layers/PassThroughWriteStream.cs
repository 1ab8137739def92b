using ImageBuild.IO;

namespace ImageBuild.Layers;

/// <summary>The shared shape of the write-only streams in the layer pipeline: forward writes, count them, read nothing.</summary>
internal abstract class PassThroughWriteStream(Stream inner) : WriteOnlyStream
{
    protected Stream Inner => inner;

    public abstract override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);
}
