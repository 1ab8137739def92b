using ImageBuild.Errors;

namespace ImageBuild.IO;

/// <summary>
/// Writes a file so that it appears whole or not at all: the content goes to a temp file beside the target,
/// is flushed to disk, and is renamed over the target. A failure or a kill leaves no truncated file under the name.
/// </summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
        {
            throw new NotFoundException($"cannot write {path}: directory {directory} does not exist");
        }

        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await write(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
