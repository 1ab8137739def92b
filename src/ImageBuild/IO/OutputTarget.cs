using ImageBuild.Errors;

namespace ImageBuild.IO;

/// <summary>
/// What an output path names, and so how it is written: a regular file (or a new one) is replaced by a rename, so
/// it appears whole or not at all (a symlink keeps pointing at its target, which is replaced); what cannot be
/// renamed over is written directly: a FIFO, a device (<c>/dev/full</c>, a tape, a terminal), anything under
/// <c>/dev</c> or <c>/proc</c>, and the standard streams named as <c>/dev/stdout</c>, <c>/dev/fd/1</c> or
/// <c>/proc/self/fd/1</c> (and likewise 2), which keep the caller's redirection (a <c>&gt;&gt;</c> still appends).
/// A directory is refused.
/// </summary>
public sealed record OutputTarget(string Path, bool WritesDirectly)
{
    private static readonly string[] StandardOutputNames = ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"];
    private static readonly string[] StandardErrorNames = ["/dev/stderr", "/dev/fd/2", "/proc/self/fd/2"];

    /// <summary>Reads what <paramref name="path"/> is; throws <see cref="InvalidInputException"/> for a directory.</summary>
    public static OutputTarget Resolve(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (StandardOutputNames.Contains(fullPath, StringComparer.Ordinal) || StandardErrorNames.Contains(fullPath, StringComparer.Ordinal))
        {
            return new OutputTarget(fullPath, WritesDirectly: true);
        }

        if (Directory.Exists(fullPath))
        {
            throw new InvalidInputException($"cannot write {path}: it is a directory; give a file name");
        }

        if (IsSpecialFile(fullPath))
        {
            return new OutputTarget(fullPath, WritesDirectly: true);
        }

        var file = new FileInfo(fullPath);
        return new OutputTarget(file.LinkTarget is null ? fullPath : file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? fullPath, WritesDirectly: false);
    }

    /// <summary>The stream of a target written directly: the process's own standard stream, or the FIFO or device opened for writing.</summary>
    public Stream OpenDirectly()
    {
        if (StandardOutputNames.Contains(Path, StringComparer.Ordinal))
        {
            return Console.OpenStandardOutput();
        }

        if (StandardErrorNames.Contains(Path, StringComparer.Ordinal))
        {
            return Console.OpenStandardError();
        }

        // Not FileOptions.Asynchronous: a FIFO or terminal is not a regular file; opening a FIFO waits for its reader.
        return new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
    }

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

        return UnixFileType.IsRegularFile(fullPath) == false;
    }
}
