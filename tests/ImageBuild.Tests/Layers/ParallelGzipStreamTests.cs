using System.Diagnostics;
using System.IO.Compression;
using ImageBuild.Layers;

namespace ImageBuild.Tests.Layers;

public sealed class ParallelGzipStreamTests : IDisposable
{
    private const int Chunk = ParallelGzipStream.ChunkSize;
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<int> Lengths => [0, 1, Chunk - 1, Chunk, Chunk + 1, (3 * Chunk) + 7];

    [Theory]
    [MemberData(nameof(Lengths))]
    public async Task Decompresses_to_the_input_at_every_chunk_boundary(int length)
    {
        var input = SampleBytes(length);

        var compressed = await CompressAsync(input, maxParallelism: 0, writeSize: 70_001);

        Assert.Equal(input, Decompress(compressed));
        Assert.Equal(compressed, await CompressAsync(input, maxParallelism: 0, writeSize: 70_001)); // deterministic
    }

    [Fact]
    public async Task Bytes_do_not_depend_on_parallelism_or_write_sizes()
    {
        var input = SampleBytes((5 * Chunk) + 12_345);

        var one = await CompressAsync(input, maxParallelism: 1, writeSize: 4096);
        var many = await CompressAsync(input, maxParallelism: 8, writeSize: 1_000_003);

        Assert.Equal(one, many);
    }

    [Fact]
    public async Task Header_has_no_name_no_time_and_os_unknown()
    {
        var compressed = await CompressAsync(SampleBytes(10), maxParallelism: 0, writeSize: 10);

        Assert.Equal(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0 }, compressed[..8]);
        Assert.Equal(255, compressed[9]);
    }

    [Theory]
    [InlineData(CompressionLevel.Fastest)]
    [InlineData(CompressionLevel.Optimal)]
    [InlineData(CompressionLevel.NoCompression)]
    public async Task Every_level_is_one_gzip_member_the_gzip_tool_accepts(CompressionLevel level)
    {
        // gzip(1) checks the trailer's CRC and length and rejects bytes after the member, which GZipStream does not.
        var input = SampleBytes((2 * Chunk) + 99);
        var file = Path.Combine(temp.Path, $"{level}.gz");
        await File.WriteAllBytesAsync(file, await CompressAsync(input, maxParallelism: 0, writeSize: 65_536, level));

        using var gzip = Process.Start(new ProcessStartInfo("gzip", ["-dc", file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        using var output = new MemoryStream();
        await gzip.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = await gzip.StandardError.ReadToEndAsync();
        await gzip.WaitForExitAsync();

        Assert.True(gzip.ExitCode == 0, errors);
        Assert.Equal(input, output.ToArray());
    }

    [Fact]
    public async Task Abandoning_the_stream_releases_it_without_writing_a_trailer()
    {
        using var output = new MemoryStream();
        var gzip = new ParallelGzipStream(output, CompressionLevel.Fastest);
        await gzip.WriteAsync(SampleBytes((2 * Chunk) + 5));
        var written = output.Length;

        await gzip.DisposeAsync();

        Assert.Equal(written, output.Length);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await gzip.WriteAsync(new byte[1]));
    }

    private static async Task<byte[]> CompressAsync(byte[] input, int maxParallelism, int writeSize, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var output = new MemoryStream();
        await using (var gzip = new ParallelGzipStream(output, level, maxParallelism))
        {
            for (var offset = 0; offset < input.Length; offset += writeSize)
            {
                await gzip.WriteAsync(input.AsMemory(offset, Math.Min(writeSize, input.Length - offset)));
            }

            await gzip.CompleteAsync();
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Half text-like (compressible), half noise, so both stored and Huffman blocks occur.</summary>
    private static byte[] SampleBytes(int length)
    {
        var bytes = new byte[length];
        var random = new Random(length);
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (i / 4096) % 2 == 0 ? (byte)('a' + (i % 7)) : (byte)random.Next(256);
        }

        return bytes;
    }
}
