using System.Buffers;
using ImageBuild.Oci;

namespace ImageBuild.Store.Maintenance;

/// <summary>Hashes every file under blobs/ and compares it with its name, streaming so big layers need no memory.</summary>
internal static class BlobScan
{
    private const int BufferSize = 81920;

    public static async Task<IReadOnlyList<StoreProblem>> ScanAsync(OciLayout layout, CancellationToken cancellationToken = default)
    {
        var problems = new List<StoreProblem>();
        var blobs = new DirectoryInfo(Path.Combine(layout.RootPath, "blobs"));
        if (!blobs.Exists)
        {
            return problems;
        }

        foreach (var file in blobs.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            var algorithm = Path.GetFileName(Path.GetDirectoryName(file.FullName));
            if (!Digest.TryParse($"{algorithm}:{file.Name}", out var expected) || Path.GetDirectoryName(file.DirectoryName) != blobs.FullName)
            {
                problems.Add(new StoreProblem(StoreProblemKind.UnexpectedFile, true, null, file.FullName,
                    $"{file.FullName} is not named after a digest; it is not part of any image (leave it or delete it by hand)"));
                continue;
            }

            var actual = await HashAsync(file, expected, cancellationToken);
            if (actual != expected)
            {
                problems.Add(new StoreProblem(StoreProblemKind.CorruptBlob, false, expected, file.FullName,
                    $"blob {expected} is corrupt: its content hashes to {actual}; run 'dotnet image fsck --repair' to remove it, then pull the images that use it again"));
            }
        }

        return problems;
    }

    private static async Task<Digest> HashAsync(FileInfo file, Digest expected, CancellationToken cancellationToken)
    {
        using var hash = expected.CreateHash();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }

            return Digest.FromHash(expected.Algorithm, hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
