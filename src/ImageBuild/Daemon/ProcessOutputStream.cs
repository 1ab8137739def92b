using System.Diagnostics;
using ImageBuild.Errors;

namespace ImageBuild.Daemon;

/// <summary>
/// A command's standard output as a read-only stream; at its end the command must have succeeded, so a command that
/// fails part-way never passes for a short but complete output.
/// </summary>
internal sealed class ProcessOutputStream(Process process, string command) : IO.ForwardReadStream
{
    private readonly Stream output = process.StandardOutput.BaseStream;
    private readonly Task<string> error = process.StandardError.ReadToEndAsync();
    private long read;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = await output.ReadAsync(buffer, cancellationToken);
        read += count;
        if (count == 0 && buffer.Length > 0)
        {
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new ImageBuildException($"{command} failed (exit code {process.ExitCode}): {(await error).ReplaceLineEndings(" ").Trim()}");
            }
        }

        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        base.Dispose(disposing);
    }
}
