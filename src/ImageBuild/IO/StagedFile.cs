using ImageBuild.Errors;

namespace ImageBuild.IO;

/// <summary>
/// A file written under a temporary name beside its target and renamed over it by <see cref="CommitAsync"/>,
/// so it appears whole or not at all. Disposing without a commit removes the temporary file: a failure or a
/// cancellation leaves nothing under the name, and nothing beside it.
/// </summary>
public sealed class StagedFile : IAsyncDisposable
{
    private readonly FileStream stream;
    private bool committed;

    private StagedFile(string targetPath, string tempPath, FileStream stream)
    {
        TargetPath = targetPath;
        TempPath = tempPath;
        this.stream = stream;
    }

    public string TargetPath { get; }

    public string TempPath { get; }

    /// <summary>Where the content goes.</summary>
    public Stream Stream => stream;

    public static StagedFile Create(string path)
    {
        var fullPath = Path.GetFullPath(path);
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
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await stream.FlushAsync(cancellationToken);
        stream.Flush(flushToDisk: true);
        await stream.DisposeAsync();
        File.Move(TempPath, TargetPath, overwrite: true);
        committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        if (!committed)
        {
            File.Delete(TempPath);
        }
    }
}
