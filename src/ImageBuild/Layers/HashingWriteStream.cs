using System.Security.Cryptography;
using ImageBuild.Oci;

namespace ImageBuild.Layers;

/// <summary>A write-only pass-through that hashes and counts what goes through it, so one pass yields a digest.</summary>
internal sealed class HashingWriteStream(Stream inner, bool leaveOpen) : PassThroughWriteStream(inner)
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The digest of everything written; call once, after the last write.</summary>
    public Digest GetDigest() => Digest.FromHash(Digest.Sha256, hash.GetHashAndReset());

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash.AppendData(buffer);
        BytesWritten += buffer.Length;
        Inner.Write(buffer);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        hash.AppendData(buffer.Span);
        BytesWritten += buffer.Length;
        return Inner.WriteAsync(buffer, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
            if (!leaveOpen)
            {
                Inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        hash.Dispose();
        if (!leaveOpen)
        {
            await Inner.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
