using ImageBuild.Errors;

namespace ImageBuild.IO;

/// <summary>
/// A file written under a temporary name beside its target and renamed over it by <see cref="CommitAsync"/>,
/// so it appears whole or not at all. Disposing without a commit removes the temporary file: a failure or a
/// cancellation leaves nothing under the name, and nothing beside it. A target that cannot be renamed over (a
/// FIFO, a device, <c>/dev/stdout</c>; see <see cref="OutputTarget"/>) is written directly instead.
/// </summary>
public sealed class StagedFile : IAsyncDisposable
{
    private readonly Stream stream;
    private bool committed;

    private StagedFile(string targetPath, string? tempPath, Stream stream)
    {
        TargetPath = targetPath;
        TempPath = tempPath;
        this.stream = stream;
    }

    public string TargetPath { get; }

    /// <summary>The temporary file, or null when the target is written directly.</summary>
    public string? TempPath { get; }

    /// <summary>Where the content goes.</summary>
    public Stream Stream => stream;

    public static StagedFile Create(string path)
    {
        var target = OutputTarget.Resolve(path);
        if (target.WritesDirectly)
        {
            return new StagedFile(target.Path, null, target.OpenDirectly());
        }

        var fullPath = target.Path;
        var directory = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
        {
            throw new NotFoundException($"cannot write {path}: directory {directory} does not exist");
        }

        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        return new StagedFile(fullPath, temp, stream);
    }

    /// <summary>Flushes the content to disk and renames it to the target, replacing any file there.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await stream.FlushAsync(cancellationToken);
        if (TempPath is not null)
        {
            ((FileStream)stream).Flush(flushToDisk: true);
            await stream.DisposeAsync();
            File.Move(TempPath, TargetPath, overwrite: true);
        }

        committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await stream.DisposeAsync();
        }
        catch (Exception ex) when (!committed && ex is IOException or UnauthorizedAccessException)
        {
            // The write already failed (a full disk fails the last flush too); that failure is the one to report.
        }
        finally
        {
            if (!committed && TempPath is not null)
            {
                TryDelete(TempPath);
            }
        }
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
