namespace ImageBuild.IntegrationTests.SideBySide;

/// <summary>
/// The command line's habits next to docker's: no arguments print the help, <c>-v</c> the version, a mistyped
/// command or a reference with a scheme fails. The words are each tool's own (docker names itself, we suggest the
/// nearest command and say to drop the scheme; usage errors exit 2 here, see docs/docker-differences.md). Our runs
/// pass <c>--store</c> first, a global option, as <c>docker -D -v</c> would.
/// </summary>
[Collection(SideBySideCollection.Name)]
public sealed class HabitTests(SideBySideFixture fixture)
{
    [Fact]
    public async Task No_arguments_print_the_help_and_succeed()
    {
        var docker = await fixture.DockerAsync();
        var ours = await fixture.OursAsync();

        Assert.Equal((0, 0), (docker.ExitCode, ours.ExitCode));
        Assert.StartsWith("Usage:  docker", docker.Error, StringComparison.Ordinal); // docker writes this help to standard error
        Assert.Contains("Usage:\n  dotnet image [command] [options]", ours.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dash_v_prints_the_version()
    {
        var docker = await fixture.DockerAsync("-v");
        var ours = await fixture.OursAsync("-v");

        Assert.Equal((0, 0), (docker.ExitCode, ours.ExitCode));
        Assert.Single(docker.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal((await fixture.OursAsync("--version")).Output, ours.Output);
        Assert.Single(ours.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_mistyped_command_fails_and_ours_suggests_the_nearest()
    {
        var docker = await fixture.DockerAsync("imgaes");
        var ours = await fixture.OursAsync("imgaes");

        Assert.Equal(1, docker.ExitCode);
        Assert.Contains("unknown command: docker imgaes", docker.Error, StringComparison.Ordinal);
        Assert.Equal(2, ours.ExitCode);
        Assert.StartsWith("unknown command 'imgaes'; did you mean 'images'?\n", ours.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reference_with_a_scheme_fails_and_ours_says_to_drop_it()
    {
        var docker = await fixture.DockerAsync("pull", "http://localhost/x");
        var ours = await fixture.OursAsync("pull", "http://localhost/x");

        Assert.Equal((1, "invalid reference format\n"), (docker.ExitCode, docker.Error));
        Assert.Equal(2, ours.ExitCode);
        Assert.Contains("drop \"http://\"", ours.Error, StringComparison.Ordinal);
    }
}
