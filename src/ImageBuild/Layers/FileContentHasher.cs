using System.Security.Cryptography;

namespace ImageBuild.Layers;

/// <summary>SHA-1 and SHA-256 of one file's content, fed by the tar writer as it copies the content into the layer.</summary>
internal sealed class FileContentHasher : IDisposable
{
    private readonly IncrementalHash sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
    private readonly IncrementalHash sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long size;

    public void Append(ReadOnlySpan<byte> content)
    {
        sha1.AppendData(content);
        sha256.AppendData(content);
        size += content.Length;
    }

    /// <summary>The file as hashed; call once, after the last append.</summary>
    public LayerFile Complete(string path) =>
        new(path, size, Convert.ToHexStringLower(sha1.GetHashAndReset()), Convert.ToHexStringLower(sha256.GetHashAndReset()));

    public void Dispose()
    {
        sha1.Dispose();
        sha256.Dispose();
    }
}
