using System.Diagnostics;
using System.Text;
using ImageBuild.Errors;
using ImageBuild.IO;
using ImageBuild.Tests.Infrastructure;

namespace ImageBuild.Tests.IO;

/// <summary>Regular files are replaced whole or not at all; FIFOs and devices are written through; directories are refused.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_regular_file_is_replaced_whole_and_a_failed_write_leaves_the_old_one_and_no_temp_file()
    {
        var path = temp.Combine("out.tar");
        await File.WriteAllTextAsync(path, "old");

        await Assert.ThrowsAsync<InvalidOperationException>(() => AtomicFile.WriteAsync(path, async (stream, ct) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("half of the new"), ct);
            throw new InvalidOperationException("the writer failed");
        }, CancellationToken.None));

        Assert.Equal("old", await File.ReadAllTextAsync(path));
        Assert.Equal(["out.tar"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));

        await AtomicFile.WriteAsync(path, Write("new"), CancellationToken.None);
        Assert.Equal("new", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task A_symlink_keeps_pointing_at_its_target_which_is_replaced()
    {
        var target = temp.Combine("target.tar");
        await File.WriteAllTextAsync(target, "old");
        var link = temp.Combine("link.tar");
        File.CreateSymbolicLink(link, target);

        await AtomicFile.WriteAsync(link, Write("new"), CancellationToken.None);

        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal("new", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task A_fifo_is_written_through_to_its_reader_and_stays_a_fifo()
    {
        var fifo = temp.Combine("pipe");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var reader = Task.Run(() => File.ReadAllText(fifo));
        await AtomicFile.WriteAsync(fifo, Write("through the pipe"), CancellationToken.None);

        Assert.Equal("through the pipe", await reader);
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
        Assert.Equal("fifo", await StatTypeAsync(fifo));
    }

    [Fact]
    public async Task A_full_device_fails_with_no_space_and_stays_a_device()
    {
        var failure = await Assert.ThrowsAnyAsync<IOException>(() => AtomicFile.WriteAsync("/dev/full", Write(new string('x', 100_000)), CancellationToken.None));

        Assert.Equal(FileSystemFailureKind.NoSpace, FileSystemFailure.From(failure)!.Kind);
        Assert.Equal("character special file", await StatTypeAsync("/dev/full"));
    }

    [Fact]
    public async Task A_directory_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => AtomicFile.WriteAsync(temp.Path, Write("x"), CancellationToken.None));

        Assert.Equal($"cannot write {temp.Path}: it is a directory; give a file name", error.Message);
    }

    private static Func<Stream, CancellationToken, Task> Write(string text) =>
        (stream, ct) => stream.WriteAsync(Encoding.ASCII.GetBytes(text), ct).AsTask();

    private static async Task<string> StatTypeAsync(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-L", "-c", "%F", path]) { RedirectStandardOutput = true })!;
        var output = await stat.StandardOutput.ReadToEndAsync();
        await stat.WaitForExitAsync();
        return output.Trim();
    }
}
