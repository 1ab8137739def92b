using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;

namespace ImageBuild.Archives;

/// <summary>
/// Opens a root filesystem tarball as an uncompressed tar stream, whatever it is compressed with:
/// gzip and zstd (as layers are), xz and bzip2 (as distribution tarballs often are), or nothing.
/// </summary>
public static class RootfsSource
{
    private const int TarHeaderSize = 512;

    public static async Task<Stream> OpenTarAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        try
        {
            var head = new byte[6];
            var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
            file.Position = 0;
            Stream tar = head.AsSpan(0, read) switch
            {
                [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00] => new XZStream(file),
                [(byte)'B', (byte)'Z', (byte)'h', ..] => BZip2Stream.Create(file, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true),
                _ => LayerReader.Open(file, LayerReader.DetectCompression(head.AsSpan(0, read))),
            };
            return await RequireTarAsync(tar, path, cancellationToken);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Checks the first header has a tar magic, so a wrong file fails now instead of becoming a broken layer.</summary>
    private static async Task<Stream> RequireTarAsync(Stream tar, string path, CancellationToken cancellationToken)
    {
        var header = new byte[TarHeaderSize];
        int read;
        try
        {
            read = await tar.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or SharpCompress.Common.ArchiveException)
        {
            throw new ImageBuildException($"{path} could not be decompressed ({ex.Message}); pass a tar, .tar.gz, .tar.xz, .tar.zst or .tar.bz2 file or a directory", ex);
        }

        var isTar = read == TarHeaderSize && header.AsSpan(257, 5).SequenceEqual("ustar"u8);
        if (!isTar)
        {
            await tar.DisposeAsync();
            throw new ImageBuildException($"{path} is not a tar archive; pass a tar, .tar.gz, .tar.xz, .tar.zst or .tar.bz2 file or a directory");
        }

        return new PrefixedReadStream(header, tar, leaveOpen: false);
    }
}
