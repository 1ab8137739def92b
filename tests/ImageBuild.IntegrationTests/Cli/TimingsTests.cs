using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary><c>--timings</c> tells where a command's time went, on stderr, leaving stdout as it was.</summary>
public sealed class TimingsTests : IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-timings");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Build_with_timings_prints_each_phase_and_the_start_up_on_stderr_only()
    {
        var app = temp.CreateSubdirectory("app");
        await File.WriteAllTextAsync(Path.Combine(app, "run"), "#!/bin/sh\necho hi\n");
        var cli = new CliRunner(temp.Combine("store"));

        var result = (await cli.RunAsync("build", app, "--from", "scratch", "-t", "timed:1", "--timings")).EnsureSuccess();

        var errors = result.StandardError.Trim().Split('\n');
        Assert.Matches(@"^timings: build: load \d+ ms, plan \d+ ms, hash \d+ ms, tar\+compress \d+ ms, manifest \d+ ms, upload \d+ ms, total \d+ ms$", errors[^2]);
        Assert.Matches(@"^timings: start-up \d+ ms, command \d+ ms$", errors[^1]);
        Assert.DoesNotContain("timings", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches("^docker.io/library/timed@sha256:[0-9a-f]{64}$", result.StandardOutput.Trim().Split('\n')[^1]);
    }
}
