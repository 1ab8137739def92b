using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// Where <c>-o</c> sends an archive: a FIFO's reader and <c>/dev/stdout</c> (redirected to a file or a pipe) get
/// it directly, a device stays a device, a directory is refused; skopeo reads each archive written.
/// </summary>
public sealed class OutputFileTests : IAsyncLifetime
{
    private readonly CliStore cli = new();
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-output");

    public async Task InitializeAsync() => await cli.ImportSmallAsync("small:1", CliStore.DaysAgo(2));

    public Task DisposeAsync()
    {
        cli.Dispose();
        temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_fifo_gets_the_archive_and_stays_a_fifo()
    {
        var fifo = temp.Combine("archive.pipe");
        var copy = temp.Combine("copy.tar");
        await ProcessRunner.OutputOfAsync("mkfifo", fifo);

        (await cli.Runner.RunInShellAsync($"cat '{fifo}' > '{copy}' & $IMAGE save small:1 -o '{fifo}' && wait $!")).EnsureSuccess();

        Assert.Equal("fifo\n", await ProcessRunner.OutputOfAsync("stat", "-c", "%F", fifo));
        await AssertSkopeoReadsAsync(copy);
    }

    [Fact]
    public async Task Dev_stdout_redirected_to_a_file_writes_that_file()
    {
        var redirected = temp.Combine("redirected.tar");

        (await cli.Runner.RunInShellAsync($"$IMAGE save small:1 -o /dev/stdout > '{redirected}'")).EnsureSuccess();

        await AssertSkopeoReadsAsync(redirected);
        Assert.Empty(Directory.EnumerateFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public async Task Dev_stdout_into_a_pipe_feeds_the_reader()
    {
        var listing = (await cli.Runner.RunInShellAsync("set -o pipefail; $IMAGE save small:1 -o /dev/stdout | tar -t")).EnsureSuccess();

        Assert.Contains("index.json", listing.StandardOutput.Split('\n'));
        Assert.Contains("oci-layout", listing.StandardOutput.Split('\n'));
    }

    [Fact]
    public async Task A_full_device_is_one_line_and_stays_a_device()
    {
        var result = await cli.RunAsync("save", "small:1", "-o", "/dev/full");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: save: no space left on device while writing /dev/full; free some space (for the store: 'dotnet image prune') and run the command again\n", result.StandardError);
        Assert.Equal("character special file\n", await ProcessRunner.OutputOfAsync("stat", "-c", "%F", "/dev/full"));
    }

    [Fact]
    public async Task A_directory_is_refused()
    {
        await cli.AssertFailsAsync(2, $"error: cannot write {temp.Path}: it is a directory; give a file name\n", "save", "small:1", "-o", temp.Path);
    }

    private static async Task AssertSkopeoReadsAsync(string archive) =>
        Assert.Contains("\"Digest\"", await ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "inspect", $"oci-archive:{archive}:docker.io/library/small:1"));
}
