using System.Text.RegularExpressions;

namespace ImageBuild.IO;

/// <summary>What kind of file system failure an exception reports.</summary>
public enum FileSystemFailureKind
{
    /// <summary>ENOSPC or EDQUOT: the device or the user's quota is full.</summary>
    NoSpace,

    /// <summary>EROFS: the file system is mounted read-only.</summary>
    ReadOnly,

    /// <summary>EACCES or EPERM: the process may not do this to the path.</summary>
    AccessDenied,

    /// <summary>ENOENT: the file or a directory above it does not exist (or no longer does).</summary>
    Missing,

    /// <summary>The file is locked by another process (flock on Unix, a sharing violation on Windows).</summary>
    Locked,

    /// <summary>EPIPE: the reader of a pipe went away.</summary>
    BrokenPipe,

    /// <summary>Any other I/O error.</summary>
    Other,
}

/// <summary>
/// A file system error read from an exception: the kind (from the errno .NET keeps in <c>HResult</c> on Unix, or
/// the Win32 code on Windows) and the path the runtime named in its message. Front ends turn it into one line
/// naming the problem, the file (or "the store at PATH") and the fix.
/// </summary>
public sealed partial record FileSystemFailure(FileSystemFailureKind Kind, string? Path, string Detail)
{
    /// <summary>The file system failure <paramref name="exception"/> (or an exception inside it) reports; null when it is not one.</summary>
    public static FileSystemFailure? From(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            var kind = current switch
            {
                FileNotFoundException or DirectoryNotFoundException => FileSystemFailureKind.Missing,
                UnauthorizedAccessException => FileSystemFailureKind.AccessDenied,
                IOException io => KindOf(io),
                _ => (FileSystemFailureKind?)null,
            };
            if (kind is { } found)
            {
                return new FileSystemFailure(found, PathIn(current), current.Message);
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="exception"/> only says another process holds the file locked.</summary>
    public static bool IsLocked(IOException exception) => KindOf(exception) == FileSystemFailureKind.Locked;

    /// <summary>
    /// The one line for a store or layout whose directory was deleted while a command used it, however the command
    /// noticed (a directory it meant to create under the root, or a file operation that found nothing).
    /// </summary>
    public static string DeletedWhileInUse(string layoutRoot) =>
        $"the image store or layout at {layoutRoot} was deleted while this command was using it; nothing more was written there; run the command again to start anew";

    /// <summary>
    /// One line naming the problem, where it happened and the fix. A path inside <paramref name="storePath"/> is
    /// called "the store at STORE", and a missing path there whose store directory is gone says the store vanished.
    /// </summary>
    public string Describe(string? storePath)
    {
        var inStore = storePath is not null && Path is not null && IsInside(Path, storePath);
        var where = inStore ? $"the store at {storePath}" : Path ?? "a file";
        return Kind switch
        {
            FileSystemFailureKind.NoSpace => $"no space left on device while writing {where}; free some space (for the store: 'dotnet image prune') and run the command again",
            FileSystemFailureKind.ReadOnly => $"read-only file system: cannot write {where}; " + (inStore ? "give a writable store (--store DIR, or ContainerImageStore in MSBuild)" : "choose a writable location"),
            FileSystemFailureKind.AccessDenied => $"permission denied on {Path ?? where}" + (inStore ? $" in the store at {storePath}" : string.Empty) + "; check the owner and mode of that path" + (inStore ? " or give another store (--store DIR, or ContainerImageStore in MSBuild)" : string.Empty),
            FileSystemFailureKind.Missing when inStore && !Directory.Exists(storePath) => DeletedWhileInUse(storePath!),
            FileSystemFailureKind.Missing => $"{Path ?? "a file or directory"} does not exist" + (inStore ? $" in the store at {storePath}; run 'dotnet image fsck' to check the store" : "; check the path"),
            FileSystemFailureKind.Locked => $"{where} is locked by another process; retry when it has finished",
            FileSystemFailureKind.BrokenPipe => $"the reader of {(Path is null ? "the output" : where)} went away before everything was written (broken pipe)",
            _ => $"I/O error on {where}: {OneLine(Detail)}",
        };
    }

    private static FileSystemFailureKind KindOf(IOException exception)
    {
        var code = exception.HResult;
        if (OperatingSystem.IsWindows())
        {
            return (code & 0xFFFF) switch
            {
                0x70 or 0x27 => FileSystemFailureKind.NoSpace,
                0x13 => FileSystemFailureKind.ReadOnly,
                0x05 => FileSystemFailureKind.AccessDenied,
                0x02 or 0x03 => FileSystemFailureKind.Missing,
                0x20 or 0x21 => FileSystemFailureKind.Locked,
                0x6D or 0xE8 => FileSystemFailureKind.BrokenPipe,
                _ => FileSystemFailureKind.Other,
            };
        }

        // On Unix the runtime puts the raw errno in HResult; these numbers are the same on Linux and macOS
        // except EAGAIN (the flock answer) and EDQUOT.
        return code switch
        {
            28 => FileSystemFailureKind.NoSpace,
            122 when OperatingSystem.IsLinux() => FileSystemFailureKind.NoSpace,
            69 when OperatingSystem.IsMacOS() => FileSystemFailureKind.NoSpace,
            30 => FileSystemFailureKind.ReadOnly,
            13 or 1 => FileSystemFailureKind.AccessDenied,
            2 => FileSystemFailureKind.Missing,
            11 when !OperatingSystem.IsMacOS() => FileSystemFailureKind.Locked,
            35 when OperatingSystem.IsMacOS() => FileSystemFailureKind.Locked,
            32 => FileSystemFailureKind.BrokenPipe,
            _ => FileSystemFailureKind.Other,
        };
    }

    /// <summary>The runtime names the path in quotes: "No space left on device : '/x'", "Access to the path '/x' is denied."</summary>
    private static string? PathIn(Exception exception) =>
        QuotedPath().Match(exception.Message) is { Success: true } match ? match.Groups[1].Value : null;

    private static bool IsInside(string path, string directory)
    {
        var root = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(directory));
        var full = System.IO.Path.GetFullPath(path);
        return full == root || full.StartsWith(root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    [GeneratedRegex(@"'(/[^']*|[A-Za-z]:\\[^']*)'")]
    private static partial Regex QuotedPath();
}
