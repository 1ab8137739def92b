namespace ImageBuild.IO;

/// <summary>
/// Writes a file so that it appears whole or not at all: the content goes to a temp file beside the target,
/// is flushed to disk, and is renamed over the target. A failure or a kill leaves no truncated file under the name.
/// </summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        await using var staged = StagedFile.Create(path);
        await write(staged.Stream, cancellationToken);
        await staged.CommitAsync(cancellationToken);
    }
}
