using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>
/// Reads a blob and fails at its end unless the bytes match the descriptor's size and digest, so a corrupt
/// blob never completes a copy. It reports the declared size as its length (and claims to be seekable, without
/// ever seeking) because TarWriter must write an entry's size in the header before it streams the data.
/// </summary>
internal sealed class VerifiedBlobStream : HashingReadStream
{
    private readonly Digest expectedDigest;
    private readonly long expectedSize;
    private readonly string subject;
    private bool verified;

    /// <param name="subject">What the blob is and where it comes from, for error messages ("blob sha256:... in a.tar").</param>
    public VerifiedBlobStream(Stream inner, Digest expectedDigest, long expectedSize, string subject)
        : base(inner, expectedDigest.Algorithm)
    {
        this.expectedDigest = expectedDigest;
        this.expectedSize = expectedSize;
        this.subject = subject;
    }

    public override bool CanSeek => true;

    public override long Length => expectedSize;

    protected override void OnRead(ReadOnlySpan<byte> bytes)
    {
        if (BytesRead > expectedSize)
        {
            throw new ImageBuildException($"{subject} is corrupt: it is longer than the {expectedSize} bytes its descriptor says");
        }

        if (bytes.IsEmpty && !verified)
        {
            verified = true;
            if (BytesRead != expectedSize)
            {
                throw new ImageBuildException($"{subject} is corrupt: it is {BytesRead} bytes but its descriptor says {expectedSize}");
            }

            var actual = ComputeDigest();
            if (actual != expectedDigest)
            {
                throw new ImageBuildException($"{subject} is corrupt: its content has digest {actual}, expected {expectedDigest}");
            }
        }
    }
}
