using System.Diagnostics;
using System.Security.Cryptography;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Publishing;
using ImageBuild.Store;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// Ctrl-C on a running <c>dotnet image</c>: SIGINT sent to the tool while it writes a big layer makes it
/// exit promptly with one error line, leaving no temp file in ingest/, a store fsck finds sound, and no tag. A
/// cancelled PublishImage closes the input of the publish job it runs in the tool, with the same outcome.
/// </summary>
public sealed class CancellationTests : IDisposable
{
    private const int FileCount = 3;
    private const int FileSize = 100 * 1024 * 1024;
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(10);
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-cancel");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task InterruptedImportLeavesNoTempFileAndNoTag()
    {
        var rootfs = CreateBigRootfs();
        using var store = new CliStore();

        var (exit, stderr, elapsed) = await InterruptWhenUnderWayAsync(store.Runner, store.Root, "import", rootfs, "big:1");

        await AssertCancelledCleanlyAsync(store, exit, stderr, elapsed);
    }

    [Fact]
    public async Task InterruptedPullLeavesNoTempFileAndNoTag()
    {
        await using var registry = await RegistryFixture.StartAsync();
        var reference = $"{registry.Host}/big:1";
        var source = new CliRunner(temp.Combine("source-store"));
        (await source.RunAsync(["import", CreateBigRootfs(), reference], TimeSpan.FromMinutes(5), CancellationToken.None)).EnsureSuccess();
        (await source.RunAsync(["push", reference], TimeSpan.FromMinutes(5), CancellationToken.None)).EnsureSuccess();
        using var store = new CliStore();

        var (exit, stderr, elapsed) = await InterruptWhenUnderWayAsync(store.Runner, store.Root, "pull", reference);

        await AssertCancelledCleanlyAsync(store, exit, stderr, elapsed);
    }

    [Fact]
    public async Task A_publish_job_whose_input_closes_stops_cleanly_as_a_cancelled_build()
    {
        var rootfs = CreateBigRootfs();
        using var store = new CliStore();
        var request = new ContainerRequest
        {
            BaseImage = "scratch",
            BaseFacts = new BaseImageFacts("10.0", null, false, false, false, ["linux-x64"], null, null),
            Repository = "big",
            RuntimeIdentifiers = ["linux-x64"],
            ImageOutput = "store",
            Sbom = false,
            Files = Directory.GetFiles(rootfs).Select(f => new PublishFile(f, Path.GetFileName(f), null, false, false, "linux-x64")).ToList(),
        };
        // The task's side of the protocol: the job on one line, standard input left open until the build is cancelled.
        using var process = Process.Start(new ProcessStartInfo(CliRunner.ToolPath, [PublishProtocol.CommandName])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        await process.StandardInput.WriteLineAsync(PublishProtocol.Serialize(new PublishJob(PublishProtocol.Version, request, store.Root, null, false)));
        await process.StandardInput.FlushAsync();

        var (exit, output, error, elapsed) = await StopWhenUnderWayAsync(process, store.Root, () =>
        {
            process.StandardInput.Close();
            return Task.CompletedTask;
        });

        Assert.True(exit == 1, $"exit code {exit}\n{output}\n{error}");
        Assert.Equal(string.Empty, error);
        var failure = PublishProtocol.ReadMessage(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).Failure;
        Assert.NotNull(failure);
        Assert.Equal(("IMG0007", "image docker.io/library/big:latest (base scratch): cancelled"), (failure.Code, failure.Message));
        Assert.True(elapsed < ExitLimit, $"took {elapsed.TotalSeconds:0.0} s to exit after its input closed");
        await AssertNoTempFileNoTagAndSoundAsync(store);
    }

    private static async Task AssertCancelledCleanlyAsync(CliStore store, int exit, string stderr, TimeSpan elapsed)
    {
        Assert.True(exit == 1, $"exit code {exit}\n{stderr}");
        // Progress lines may come before it; the error is one line, with no stack trace.
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("error: cancelled", lines[^1]);
        Assert.Single(lines, l => l.StartsWith("error", StringComparison.Ordinal) || l.StartsWith("Unhandled", StringComparison.Ordinal) || l.StartsWith("   at ", StringComparison.Ordinal));
        Assert.True(elapsed < ExitLimit, $"took {elapsed.TotalSeconds:0.0} s to exit after SIGINT");
        await AssertNoTempFileNoTagAndSoundAsync(store);
    }

    private static async Task AssertNoTempFileNoTagAndSoundAsync(CliStore store)
    {
        Assert.Empty(IngestFiles(store.Root));
        var index = File.Exists(Path.Combine(store.Root, OciLayout.IndexFileName))
            ? await OciLayout.Open(store.Root).ReadIndexAsync(CancellationToken.None)
            : new ImageIndex();
        Assert.DoesNotContain(index.Manifests, m => m.Annotation(Annotations.RefName) is not null);
        await store.AssertSoundAsync();
    }

    // Starts the command, waits until a temp file in ingest/ has a few megabytes in it, sends SIGINT the way a
    // terminal does for Ctrl-C, and returns the exit code, standard error and the time from signal to exit.
    private static async Task<(int ExitCode, string StandardError, TimeSpan Elapsed)> InterruptWhenUnderWayAsync(CliRunner runner, string storeRoot, params string[] arguments)
    {
        using var process = runner.Start(arguments);
        var (exit, _, error, elapsed) = await StopWhenUnderWayAsync(process, storeRoot, async () =>
            (await ProcessRunner.RunAsync("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])).EnsureSuccess());
        return (exit, error, elapsed);
    }

    // Waits until a temp file in ingest/ has a few megabytes in it, stops the process with stop, and returns the exit
    // code, standard output and error, and the time from the stop to the exit.
    private static async Task<(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)> StopWhenUnderWayAsync(Process process, string storeRoot, Func<Task> stop)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            var waiting = Stopwatch.StartNew();
            // A temp file may be renamed into place between the listing and its stat (FileInfo keeps what Exists read).
            while (!IngestFiles(storeRoot).Select(f => new FileInfo(f)).Any(f => f.Exists && f.Length > 4 * 1024 * 1024))
            {
                if (process.HasExited)
                {
                    Assert.Fail($"the command ended before it was interrupted: exit {process.ExitCode}\n{await output}\n{await error}");
                }

                Assert.True(waiting.Elapsed < TimeSpan.FromMinutes(2), "no layer was being written after 2 minutes");
                await Task.Delay(20);
            }

            await stop();
            var stopped = Stopwatch.StartNew();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(limit.Token);
            var elapsed = stopped.Elapsed;
            return (process.ExitCode, await output, await error, elapsed);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    // Temp files are hidden (".layer-....tmp"), which the default enumeration options skip.
    private static IEnumerable<string> IngestFiles(string storeRoot)
    {
        var ingest = Path.Combine(storeRoot, "ingest");
        return Directory.Exists(ingest) ? Directory.GetFiles(ingest, "*", new EnumerationOptions { AttributesToSkip = 0 }) : [];
    }

    // Incompressible files, so writing the gzip layer takes seconds, not milliseconds.
    private string CreateBigRootfs()
    {
        var rootfs = temp.CreateSubdirectory("rootfs-" + Guid.NewGuid().ToString("N")[..8]);
        var chunk = new byte[1024 * 1024];
        for (var i = 0; i < FileCount; i++)
        {
            using var file = File.Create(Path.Combine(rootfs, $"data{i}.bin"));
            for (var written = 0; written < FileSize; written += chunk.Length)
            {
                RandomNumberGenerator.Fill(chunk);
                file.Write(chunk);
            }
        }

        return rootfs;
    }
}
