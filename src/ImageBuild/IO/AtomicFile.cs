using ImageBuild.Errors;
using ImageBuild.Layers;

namespace ImageBuild.IO;

/// <summary>
/// Writes an output file. A regular file (or a new one) appears whole or not at all: the content goes to a temp
/// file beside the target, is flushed to disk, and is renamed over it, so a failure or a kill leaves no truncated
/// file under the name (a symlink keeps pointing at its target, which is replaced). What cannot be renamed over
/// is written directly: a FIFO, a device (<c>/dev/full</c>, a tape, a terminal), and the standard streams named
/// as <c>/dev/stdout</c>, <c>/dev/fd/1</c> or <c>/proc/self/fd/1</c>, which keep the caller's redirection.
/// A directory is refused.
/// </summary>
public static class AtomicFile
{
    private static readonly string[] StandardOutputNames = ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"];
    private static readonly string[] StandardErrorNames = ["/dev/stderr", "/dev/fd/2", "/proc/self/fd/2"];

    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        if (StandardStream(fullPath) is { } standard)
        {
            await using var stream = standard;
            await write(stream, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            return;
        }

        if (Directory.Exists(fullPath))
        {
            throw new InvalidInputException($"cannot write {path}: it is a directory; give a file name");
        }

        if (IsSpecialFile(fullPath))
        {
            await WriteDirectlyAsync(fullPath, write, cancellationToken);
            return;
        }

        await ReplaceAsync(ResolveLinks(fullPath), path, write, cancellationToken);
    }

    private static async Task ReplaceAsync(string fullPath, string shownPath, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
        {
            throw new NotFoundException($"cannot write {shownPath}: directory {directory} does not exist");
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
            // On every path: after the rename there is nothing to delete; after a failure (a full disk fails the
            // last flush inside the dispose) the partial file goes, without hiding the failure that got us here.
            TryDelete(temp);
        }
    }

    /// <summary>A FIFO's reader or a device gets the bytes as they come; there is nothing to rename.</summary>
    private static async Task WriteDirectlyAsync(string fullPath, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        // Not FileOptions.Asynchronous: a FIFO or terminal is not a regular file, and opening a FIFO for writing
        // waits for its reader either way.
        await using var device = new FileStream(fullPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
        await write(device, cancellationToken);
        await device.FlushAsync(cancellationToken);
    }

    private static Stream? StandardStream(string fullPath) =>
        StandardOutputNames.Contains(fullPath, StringComparer.Ordinal) ? Console.OpenStandardOutput()
        : StandardErrorNames.Contains(fullPath, StringComparer.Ordinal) ? Console.OpenStandardError()
        : null;

    /// <summary>
    /// True for an existing FIFO, device or socket, and for anything under /dev or /proc (a descriptor of this
    /// process or another, which a rename would replace instead of writing through).
    /// </summary>
    private static bool IsSpecialFile(string fullPath)
    {
        if (!File.Exists(fullPath))
        {
            return false;
        }

        if (fullPath.StartsWith("/dev/", StringComparison.Ordinal) || fullPath.StartsWith("/proc/", StringComparison.Ordinal))
        {
            return true;
        }

        return UnixNative.TryGetIdentity(fullPath, followSymlinks: true) is { IsRegularFile: false };
    }

    /// <summary>The file a symlink chain ends at, so the link survives and its target is replaced.</summary>
    private static string ResolveLinks(string fullPath)
    {
        var file = new FileInfo(fullPath);
        return file.LinkTarget is null ? fullPath : file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? fullPath;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The directory went away or became read-only; the original failure is what matters.
        }
    }
}
