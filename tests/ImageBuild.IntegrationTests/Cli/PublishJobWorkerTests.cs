using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Publishing;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// <c>dotnet-image publish-job</c>, the command PublishImage runs its publish in: it answers a job it cannot run with
/// one coded failure line (which the task logs as its error), never a stack trace, and it is not a user command.
/// A job that runs is covered by the MSBuild tests; a cancelled one by <see cref="CancellationTests"/>.
/// </summary>
public sealed class PublishJobWorkerTests : IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-publish-job");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_job_of_another_protocol_version_is_refused_as_a_broken_package()
    {
        var job = new PublishJob(PublishProtocol.Version + 1, new ContainerRequest
        {
            BaseFacts = new BaseImageFacts("10.0", null, false, false, false, ["linux-x64"], null, null),
            Repository = "app",
        }, temp.Combine("store"), null, false);

        var (exit, failure, error) = await RunAsync(PublishProtocol.Serialize(job));

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, error);
        Assert.Equal("IMG0099", failure.Code);
        Assert.StartsWith("the ImageBuild.Tasks package is broken", failure.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("store")));
    }

    [Theory]
    [InlineData("{\"Protocol\":")]
    [InlineData("")]
    public async Task Input_that_is_no_job_is_one_failure_line(string input)
    {
        var (exit, failure, error) = await RunAsync(input);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, error);
        Assert.Equal("IMG0099", failure.Code);
        Assert.Contains("cannot read its job", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_is_not_in_the_help()
    {
        var help = (await new CliRunner(temp.Combine("store")).RunAsync("--help")).EnsureSuccess();

        Assert.DoesNotContain(PublishProtocol.CommandName, help.StandardOutput, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, PublishFailure Failure, string StandardError)> RunAsync(string input)
    {
        var result = await ProcessRunner.RunAsync(
            "bash",
            ["-c", "printf '%s' \"$JOB\" | \"$TOOL\" " + PublishProtocol.CommandName],
            environment: new Dictionary<string, string?> { ["JOB"] = input, ["TOOL"] = CliRunner.ToolPath });
        var line = Assert.Single(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var failure = PublishProtocol.ReadMessage(line).Failure;
        Assert.NotNull(failure);
        return (result.ExitCode, failure, result.StandardError);
    }
}
