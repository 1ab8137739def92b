using ImageBuild.Layers;
using ImageBuild.Oci;

namespace ImageBuild.Tests.Layers;

public sealed class LayerReaderTests
{
    private static readonly byte[] Tar = new TestTar().Directory("etc/").File("etc/motd", "hello").ToArray();

    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    [InlineData(LayerCompression.None)]
    public async Task Sniffs_compression_from_magic_bytes_on_a_non_seekable_stream(LayerCompression compression)
    {
        var blob = TestCompression.Compress(Tar, compression);
        Assert.Equal(compression, LayerReader.DetectCompression(blob));

        await using var tar = await LayerReader.OpenAsync(new ForwardOnlyStream(blob), cancellationToken: CancellationToken.None);

        Assert.Equal(Tar, await ReadAllAsync(tar));
    }

    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task Opens_with_an_explicit_compression(LayerCompression compression)
    {
        await using var tar = LayerReader.Open(new MemoryStream(TestCompression.Compress(Tar, compression)), compression);

        Assert.Equal(Tar, await ReadAllAsync(tar));
    }

    [Fact]
    public async Task Short_blobs_are_plain_tars()
    {
        await using var tar = await LayerReader.OpenAsync(new MemoryStream([0x1F]), cancellationToken: CancellationToken.None);

        Assert.Equal(new byte[] { 0x1F }, await ReadAllAsync(tar));
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        var output = new MemoryStream();
        await stream.CopyToAsync(output);
        return output.ToArray();
    }

    /// <summary>A stream that, like a registry response, can only be read forward.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
