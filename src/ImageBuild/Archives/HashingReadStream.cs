using System.Security.Cryptography;
using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>A read-only pass-through that hashes and counts every byte read, so content is verified in the same pass that copies it.</summary>
internal class HashingReadStream : Stream
{
    private readonly Stream inner;
    private readonly bool leaveOpen;
    private readonly IncrementalHash hash;
    private readonly string algorithm;

    public HashingReadStream(Stream inner, string algorithm = Digest.Sha256, bool leaveOpen = false)
    {
        this.inner = inner;
        this.leaveOpen = leaveOpen;
        this.algorithm = algorithm;
        hash = IncrementalHash.CreateHash(algorithm == Digest.Sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);
    }

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary>The digest of everything read so far; call once, after the last read.</summary>
    public Digest ComputeDigest() => Digest.FromHash(algorithm, hash.GetHashAndReset());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Account(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken = default) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Account(buffer.Span[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Called after each read with the bytes just read; an empty span means the end of the content.</summary>
    protected virtual void OnRead(ReadOnlySpan<byte> bytes)
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
            if (!leaveOpen)
            {
                inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void Account(ReadOnlySpan<byte> bytes)
    {
        hash.AppendData(bytes);
        BytesRead += bytes.Length;
        OnRead(bytes);
    }
}
