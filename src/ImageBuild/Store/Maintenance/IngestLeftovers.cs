namespace ImageBuild.Store.Maintenance;

/// <summary>
/// Temp files in ingest/ that a killed process left: older than the layout's stale age. Younger ones may
/// belong to a pull or build running now and are not touched.
/// </summary>
internal static class IngestLeftovers
{
    public static IReadOnlyList<FileInfo> Find(OciLayout layout)
    {
        var folder = new DirectoryInfo(layout.IngestPath);
        if (!folder.Exists)
        {
            return [];
        }

        var now = layout.Options.Time.GetUtcNow();
        return folder.EnumerateFiles().Where(f => now - f.LastWriteTimeUtc >= layout.Options.StaleTempAge).ToList();
    }

    /// <summary>Deletes the file unless a live process holds it open; returns its size, or null when it was kept.</summary>
    public static long? TryRemove(FileInfo file)
    {
        try
        {
            // DeleteOnClose removes the file only if this share-none open won, i.e. nobody holds it.
            using var claimed = new FileStream(file.FullName, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            return claimed.Length;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
