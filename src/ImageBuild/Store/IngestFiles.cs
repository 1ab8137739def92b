namespace ImageBuild.Store;

/// <summary>
/// Temp files of a layout: blobs being written, index.json and side files being replaced. They live in
/// one folder inside the layout so a finished one is published by a rename on the same file system.
/// </summary>
internal static class IngestFiles
{
    public const string FolderName = "ingest";

    private const string Extension = ".tmp";

    /// <summary>A fresh temp file name in <paramref name="ingestFolder"/>, which is created while its layout exists.</summary>
    public static string NewPath(string ingestFolder)
    {
        LayoutDirectories.Ensure(Path.GetDirectoryName(ingestFolder)!, ingestFolder);
        return Path.Combine(ingestFolder, Guid.NewGuid().ToString("N") + Extension);
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> so readers see the old file or the new
    /// one, never a part: write a temp file, flush it to disk, rename it over the target.
    /// </summary>
    public static async Task ReplaceAsync(string path, ReadOnlyMemory<byte> content, string ingestFolder, CancellationToken cancellationToken = default)
    {
        var temp = NewPath(ingestFolder);
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Deletes temp files a killed process left behind. A file goes only when it is older than
    /// <paramref name="minimumAge"/> (so a finished temp file a live writer is about to publish survives)
    /// AND nobody holds it open share-none (a live writer keeps its temp file locked while writing; one
    /// stalled past the age is still protected by that lock). Returns the bytes freed.
    /// </summary>
    public static long SweepStale(string ingestFolder, TimeSpan minimumAge, DateTimeOffset now)
    {
        if (!Directory.Exists(ingestFolder))
        {
            return 0;
        }

        long freed = 0;
        foreach (var file in new DirectoryInfo(ingestFolder).EnumerateFiles("*" + Extension))
        {
            if (now - file.LastWriteTimeUtc < minimumAge)
            {
                continue;
            }

            try
            {
                // DeleteOnClose removes the file only if this share-none open won, i.e. nobody holds it.
                using var claimed = new FileStream(file.FullName, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                freed += claimed.Length;
            }
            catch (IOException)
            {
                // Held by a live writer, or already gone.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to delete.
            }
        }

        return freed;
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The sweep of a later writer removes what could not be removed now.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
