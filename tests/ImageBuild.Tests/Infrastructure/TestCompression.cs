using System.IO.Compression;
using ImageBuild.Oci;
using ZstdSharp;

namespace ImageBuild.Tests.Infrastructure;

/// <summary>Compresses test content in memory the way layer blobs are compressed, independently of the code under test.</summary>
internal static class TestCompression
{
    public static byte[] Compress(byte[] content, LayerCompression compression)
    {
        if (compression == LayerCompression.None)
        {
            return content;
        }

        using var output = new MemoryStream();
        using (Stream compressor = compression == LayerCompression.Gzip
            ? new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)
            : new CompressionStream(output, leaveOpen: true))
        {
            compressor.Write(content);
        }

        return output.ToArray();
    }
}
