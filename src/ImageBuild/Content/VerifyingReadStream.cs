using ImageBuild.Errors;
using ImageBuild.IO;
using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>
/// The one verifying read: hashes every byte as it passes (sha256 or sha512, as the digest says), fails as soon
/// as the content grows past its declared size, and at its end fails unless size and digest match. A reader
/// that stops early verifies nothing, so consumers read a blob to its end (<see cref="VerifyToEndAsync"/>).
/// Used for blobs as stored (digest and size) and for uncompressed layers (diff_id, size unknown).
/// </summary>
internal sealed class VerifyingReadStream : ForwardReadStream
{
    private readonly Stream inner;
    private readonly System.Security.Cryptography.IncrementalHash hash;
    private readonly Digest expected;
    private readonly long? expectedSize;
    private readonly string subject;
    private readonly string remedy;
    private readonly bool leaveOpen;
    private long read;

    /// <param name="subject">What is read, for errors: "blob sha256:... in /store".</param>
    /// <param name="remedy">What the user should do about corrupt content, for errors.</param>
    public VerifyingReadStream(Stream inner, Digest expected, long? expectedSize, string subject, string remedy, bool leaveOpen = false)
    {
        this.inner = inner;
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.subject = subject;
        this.remedy = remedy;
        this.leaveOpen = leaveOpen;
        hash = expected.CreateHash();
    }

    /// <summary>Verifies a blob as stored against its descriptor's digest and size.</summary>
    public static VerifyingReadStream ForBlob(Stream inner, Descriptor descriptor, string where, string remedy, bool leaveOpen = false) =>
        new(inner, descriptor.Digest, descriptor.Size, $"blob {descriptor.Digest}{where}", remedy, leaveOpen);

    /// <summary>
    /// <paramref name="inner"/> itself when it already verifies this blob (the store's reads do), else a verifying
    /// stream over it, so content is hashed once however many layers pass it on.
    /// </summary>
    public static VerifyingReadStream Wrap(Stream inner, Descriptor descriptor, string where, string remedy) =>
        inner is VerifyingReadStream verifying && verifying.expected == descriptor.Digest && verifying.expectedSize == descriptor.Size
            ? verifying
            : ForBlob(inner, descriptor, where, remedy);

    /// <summary>Whether the whole content was read and matched.</summary>
    public bool IsVerified { get; private set; }

    /// <summary>The declared size, when there is one: consumers that must know a length up front (tar writers) get it without a seek.</summary>
    public override long Length => expectedSize ?? throw new NotSupportedException();

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    /// <summary>Reads whatever the consumer left and verifies; throws <see cref="CorruptBlobException"/> on a mismatch.</summary>
    public async Task VerifyToEndAsync(CancellationToken cancellationToken = default)
    {
        // Pooled: listing a store verifies dozens of small documents, and a fresh 80 KiB array each is most of its work.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (await ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Account(buffer, inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = await inner.ReadAsync(buffer, cancellationToken);
        return Account(buffer.Span, count);
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

    public override async ValueTask DisposeAsync()
    {
        hash.Dispose();
        if (!leaveOpen)
        {
            await inner.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private int Account(Span<byte> buffer, int count)
    {
        if (count > 0)
        {
            read += count;
            if (read > expectedSize)
            {
                // Stop at once: content past its size can never match, and an endless body must not fill memory or disk.
                throw Corrupt($"it is longer than the {expectedSize} bytes its descriptor says");
            }

            hash.AppendData(buffer[..count]);
        }
        else if (buffer.Length > 0 && !IsVerified)
        {
            Verify();
        }

        return count;
    }

    private void Verify()
    {
        if (expectedSize is { } size && read != size)
        {
            throw Corrupt($"it is {read} bytes but its descriptor says {size}");
        }

        var actual = Digest.FromHash(expected.Algorithm, hash.GetHashAndReset());
        if (actual != expected)
        {
            throw Corrupt($"its content has digest {actual}");
        }

        IsVerified = true;
    }

    private CorruptBlobException Corrupt(string detail) => new(expected.ToString(), $"{subject} is corrupt: {detail}; {remedy}");
}
