using System.Security.Cryptography;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Tests.Content;

public sealed class VerifyingReadStreamTests
{
    private static readonly byte[] Content = RandomNumberGenerator.GetBytes(300_000);

    [Theory]
    [InlineData(Digest.Sha256)]
    [InlineData(Digest.Sha512)]
    public async Task Intact_content_of_either_algorithm_reads_through_and_is_verified(string algorithm)
    {
        var digest = Digest.FromHash(algorithm, algorithm == Digest.Sha512 ? SHA512.HashData(Content) : SHA256.HashData(Content));
        await using var stream = new VerifyingReadStream(new MemoryStream(Content), digest, Content.Length, "blob", "fix it");
        var copy = new MemoryStream();

        await stream.CopyToAsync(copy);

        Assert.True(stream.IsVerified);
        Assert.Equal(Content, copy.ToArray());
    }

    [Theory]
    [InlineData(Digest.Sha256)]
    [InlineData(Digest.Sha512)]
    public async Task One_flipped_byte_fails_at_the_end_naming_the_blob_and_the_remedy(string algorithm)
    {
        var digest = Digest.FromHash(algorithm, algorithm == Digest.Sha512 ? SHA512.HashData(Content) : SHA256.HashData(Content));
        var flipped = (byte[])Content.Clone();
        flipped[1234] ^= 1;
        await using var stream = new VerifyingReadStream(new MemoryStream(flipped), digest, Content.Length, $"blob {digest}", "run fsck");

        var error = await Assert.ThrowsAsync<CorruptBlobException>(() => stream.CopyToAsync(Stream.Null));

        Assert.Equal(digest.ToString(), error.Digest);
        Assert.StartsWith($"blob {digest} is corrupt: its content has digest sha", error.Message);
        Assert.EndsWith("; run fsck", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_short_stream_fails_on_its_size()
    {
        await using var stream = new VerifyingReadStream(new MemoryStream(Content[..1000]), Digest.Compute(Content), Content.Length, "blob", "fix it");

        var error = await Assert.ThrowsAsync<CorruptBlobException>(() => stream.VerifyToEndAsync(CancellationToken.None));

        Assert.Contains($"it is 1000 bytes but its descriptor says {Content.Length}", error.Message);
    }

    [Fact]
    public async Task An_endless_stream_fails_at_the_first_byte_past_the_size_without_reading_on()
    {
        var endless = new EndlessStream();
        await using var stream = new VerifyingReadStream(endless, Digest.Compute(Content), 100, "blob", "fix it");

        await Assert.ThrowsAsync<CorruptBlobException>(() => stream.CopyToAsync(Stream.Null));

        Assert.True(endless.Served <= 100 + (1 << 20), $"served {endless.Served} bytes");
    }

    [Fact]
    public async Task Without_a_size_only_the_digest_is_checked()
    {
        await using var stream = new VerifyingReadStream(new MemoryStream(Content), Digest.Compute(Content), null, "layer", "fix it");

        await stream.VerifyToEndAsync(CancellationToken.None);

        Assert.True(stream.IsVerified);
    }

    [Fact]
    public async Task Small_blob_reads_stop_at_the_descriptor_size_whatever_the_source_sends()
    {
        var endless = new EndlessStream();
        var descriptor = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = Digest.Compute(Content[..512]), Size = 512 };

        var error = await Assert.ThrowsAsync<CorruptBlobException>(() => new OneStreamReader(endless).ReadSmallBlobAsync(descriptor, CancellationToken.None));

        Assert.Contains("longer than the 512 bytes", error.Message);
        Assert.True(endless.Served <= 512 + (1 << 20), $"served {endless.Served} bytes");
    }

    private sealed class OneStreamReader(Stream stream) : IBlobReader
    {
        public Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken) => Task.FromResult(stream);
    }

    /// <summary>A body that never ends, as a hostile server sends; counts what it served.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'{');
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
