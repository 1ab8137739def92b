using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using ImageBuild.IO;

namespace ImageBuild.Layers;

/// <summary>
/// A write-only gzip compressor that uses several cores for one stream, as pigz does. The input is cut into chunks
/// of a fixed size; each chunk is deflated on its own (no shared window) and ended with a sync flush, so the
/// chunks' outputs concatenate into one deflate stream, and one gzip member carries it. A layer is most often one
/// big runtime or application folder, so compressing layers side by side leaves cores idle; this keeps them busy.
/// </summary>
/// <remarks>
/// The bytes depend only on the input, the level and <see cref="ChunkSize"/>, never on how many chunks ran at once
/// or in which order they finished, so the same tar always gives the same digest on any machine. Memory is bounded by
/// the chunks in flight, not by the stream's length. The header is Go's (no name, mtime 0, OS "unknown"), which is
/// what most layer tools write, so the digest does not depend on the platform that built the layer either.
/// </remarks>
internal sealed class ParallelGzipStream : PassThroughWriteStream
{
    /// <summary>
    /// Big enough that starting over without the previous chunk's 32 KiB window costs well under 1% of the
    /// compressed size, small enough that a few chunks in flight stay a few MiB.
    /// </summary>
    public const int ChunkSize = 1 << 20;

    /// <summary>The empty final deflate block (fixed Huffman codes, BFINAL set, end-of-block only).</summary>
    private static readonly byte[] EmptyFinalBlock = [0x03, 0x00];

    private readonly CompressionLevel level;
    private readonly int maxInFlight;
    private readonly Crc32 crc = new();
    private readonly Queue<Task<CompressedChunk>> inFlight = new();
    private byte[] chunk;
    private int chunkLength;
    private long inputLength;
    private bool headerWritten;
    private bool completed;

    /// <param name="maxParallelism">How many chunks compress at once; 0 means one per core.</param>
    public ParallelGzipStream(Stream inner, CompressionLevel level, int maxParallelism = 0)
        : base(inner)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxParallelism);
        this.level = level;
        maxInFlight = maxParallelism == 0 ? Environment.ProcessorCount : maxParallelism;
        chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
    }

    public override void Write(ReadOnlySpan<byte> buffer) => WriteAsync(buffer.ToArray()).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(completed, this);
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, ChunkSize - chunkLength);
            buffer.Span[..take].CopyTo(chunk.AsSpan(chunkLength));
            chunkLength += take;
            buffer = buffer[take..];
            if (chunkLength == ChunkSize)
            {
                await DispatchAsync(final: false, cancellationToken);
            }
        }
    }

    /// <summary>Compresses what is left, writes the final block and the trailer (CRC-32 and length), and flushes.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (completed)
        {
            return;
        }

        await DispatchAsync(final: true, cancellationToken);
        while (inFlight.Count > 0)
        {
            await WriteOldestAsync(cancellationToken);
        }

        var trailer = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), unchecked((uint)inputLength));
        await Inner.WriteAsync(trailer, cancellationToken);
        BytesWritten += trailer.Length;
        await Inner.FlushAsync(cancellationToken);
        completed = true;
        ReturnChunk();
    }

    // Flushing mid-stream would end a chunk early and make the bytes depend on when callers flush.
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        if (!completed)
        {
            // Abandoned (a failed layer write): let running chunks finish so their buffers are not returned while in use.
            completed = true;
            await DrainQuietlyAsync();
            ReturnChunk();
        }

        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !completed)
        {
            completed = true;
            DrainQuietlyAsync().GetAwaiter().GetResult();
            ReturnChunk();
        }

        base.Dispose(disposing);
    }

    private async Task DispatchAsync(bool final, CancellationToken cancellationToken)
    {
        if (!headerWritten)
        {
            await WriteHeaderAsync(cancellationToken);
        }

        crc.Append(chunk.AsSpan(0, chunkLength));
        inputLength += chunkLength;
        var input = chunk;
        var length = chunkLength;
        var chunkLevel = level;
        inFlight.Enqueue(Task.Run(() => Compress(input, length, chunkLevel, final), cancellationToken));
        chunk = final ? [] : ArrayPool<byte>.Shared.Rent(ChunkSize);
        chunkLength = 0;
        while (inFlight.Count > maxInFlight)
        {
            await WriteOldestAsync(cancellationToken);
        }
    }

    private async Task WriteOldestAsync(CancellationToken cancellationToken)
    {
        var compressed = await inFlight.Dequeue();
        try
        {
            await Inner.WriteAsync(compressed.Buffer.AsMemory(0, compressed.Length), cancellationToken);
            BytesWritten += compressed.Length;
        }
        finally
        {
            compressed.Return();
        }
    }

    private async Task WriteHeaderAsync(CancellationToken cancellationToken)
    {
        // Magic, deflate, no flags, mtime 0, extra flags as Go sets them for the level, OS 255 (unknown).
        byte extraFlags = level switch
        {
            CompressionLevel.Fastest => 4,
            CompressionLevel.SmallestSize => 2,
            _ => 0,
        };
        byte[] header = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, extraFlags, 0xff];
        await Inner.WriteAsync(header, cancellationToken);
        BytesWritten += header.Length;
        headerWritten = true;
    }

    private static CompressedChunk Compress(byte[] input, int length, CompressionLevel level, bool final)
    {
        try
        {
            if (final && length == 0)
            {
                return new CompressedChunk(EmptyFinalBlock, EmptyFinalBlock.Length, pooled: false);
            }

            using var output = new ChunkOutput(length);
            var deflate = new DeflateStream(output, level, leaveOpen: true);
            deflate.Write(input, 0, length);
            if (final)
            {
                deflate.Dispose();
                return output.Detach();
            }

            // A sync flush ends the chunk on a byte boundary without the final bit, so the next chunk's blocks follow
            // it in the same deflate stream; what disposing adds after it (a final block) is cut off.
            deflate.Flush();
            var flushed = output.Detach();
            deflate.Dispose();
            return flushed;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    private async Task DrainQuietlyAsync()
    {
        while (inFlight.Count > 0)
        {
            try
            {
                (await inFlight.Dequeue()).Return();
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidDataException)
            {
                // The failure that abandoned the stream is already on its way to the caller.
            }
        }
    }

    private void ReturnChunk()
    {
        if (chunk.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(chunk);
            chunk = [];
        }
    }

    /// <summary>One chunk's deflate output in a pooled buffer.</summary>
    private sealed class CompressedChunk(byte[] buffer, int length, bool pooled)
    {
        public byte[] Buffer => buffer;

        public int Length => length;

        public void Return()
        {
            if (pooled)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// A growable write-only buffer from the pool that hands its bytes over once (<see cref="Detach"/>) and ignores
    /// writes after that, which is where a chunk's discarded final block goes.
    /// </summary>
    private sealed class ChunkOutput(int inputLength) : WriteOnlyStream
    {
        // Deflate of incompressible input grows by a few bytes per 16 KiB stored block.
        private byte[]? buffer = ArrayPool<byte>.Shared.Rent(inputLength + (inputLength >> 8) + 64);

        public CompressedChunk Detach()
        {
            var detached = new CompressedChunk(buffer!, (int)BytesWritten, pooled: true);
            buffer = null;
            return detached;
        }

        public override void Write(ReadOnlySpan<byte> source)
        {
            if (buffer is null)
            {
                return;
            }

            var length = (int)BytesWritten;
            if (length + source.Length > buffer.Length)
            {
                var grown = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + source.Length));
                buffer.AsSpan(0, length).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = grown;
            }

            source.CopyTo(buffer.AsSpan(length));
            BytesWritten += source.Length;
        }

        protected override void Dispose(bool disposing)
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = null;
            }

            base.Dispose(disposing);
        }
    }
}
