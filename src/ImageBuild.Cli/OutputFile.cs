using ImageBuild.Errors;
using ImageBuild.IO;

namespace ImageBuild.Cli;

/// <summary>
/// Where a command that writes an archive sends it: a file, written atomically (or directly when it is a FIFO, a
/// device or <c>/dev/stdout</c>, see <see cref="OutputTarget"/>), or standard output when it is redirected, as
/// docker save and docker export do.
/// </summary>
internal static class OutputFile
{
    public static async Task WriteAsync(string? path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(path) && path != "-")
        {
            await AtomicFile.WriteAsync(path, write, cancellationToken);
            return;
        }

        if (!Console.IsOutputRedirected)
        {
            throw new InvalidInputException("refusing to write an archive to a terminal; use -o FILE or redirect standard output");
        }

        await using var stdout = Console.OpenStandardOutput();
        await write(stdout, cancellationToken);
    }
}
