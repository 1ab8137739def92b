using ImageBuild.IO;

namespace ImageBuild.Tests.IO;

/// <summary>A write-only stream that implements only the span write still takes every other kind of write.</summary>
public sealed class WriteOnlyStreamTests
{
    [Fact]
    public async Task Array_span_and_asynchronous_writes_all_reach_the_span_write_in_order()
    {
        using var stream = new CollectingStream();

        stream.Write([1, 2], 0, 2);
        stream.Write(new byte[] { 3 }.AsSpan());
        await stream.WriteAsync(new byte[] { 0, 4, 5, 0 }, 1, 2, CancellationToken.None);
        await stream.WriteAsync(new ReadOnlyMemory<byte>([6]), CancellationToken.None);
        stream.WriteByte(7);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], stream.Collected);
        Assert.Equal(7, stream.Position);
    }

    [Fact]
    public async Task A_cancelled_asynchronous_write_writes_nothing()
    {
        using var stream = new CollectingStream();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.WriteAsync(new byte[] { 1 }, new CancellationToken(canceled: true)).AsTask());

        Assert.Empty(stream.Collected);
    }

    private sealed class CollectingStream : WriteOnlyStream
    {
        public List<byte> Collected { get; } = [];

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Collected.AddRange(buffer);
            BytesWritten += buffer.Length;
        }
    }
}
