using ImageBuild.IntegrationTests.Infrastructure;
using static ImageBuild.IntegrationTests.Cli.CliStore;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// Mistakes on the command line and unusable stores: usage errors exit 2, failures exit 1, and either way the
/// user gets "error: ..." lines, never a stack trace (<see cref="CliStore.RunAsync"/> checks that on every run).
/// </summary>
public sealed class UsageErrorTests : IDisposable
{
    private const string HelpHint = "Run 'dotnet image --help' for usage.";

    private readonly CliStore store = new();

    public void Dispose() => store.Dispose();

    [Theory]
    [InlineData("error: unknown command 'frobnicate'; see 'dotnet image --help' for the commands", "frobnicate")]
    [InlineData("error: unknown command 'imgaes'; did you mean 'images'?", "imgaes")]
    [InlineData("error: unknown command 'pul'; did you mean 'pull'?", "pul")]
    [InlineData("error: Unrecognized command or argument '--bogus'.", "--bogus", "ls")]
    [InlineData("error: Unrecognized command or argument '--bogus'.", "fsck", "--bogus")]
    [InlineData("error: Unrecognized command or argument '--bogus'.", "df", "--bogus")]
    [InlineData("error: Unrecognized command or argument '--bogus'.", "system", "df", "--bogus")]
    [InlineData("error: Unrecognized command or argument '--bogus'.", "prune", "--bogus")]
    [InlineData("error: Unrecognized command or argument 'extra'.", "ls", "a", "extra")]
    [InlineData("error: Unrecognized command or argument 'extra'.", "history", "a:1", "extra")]
    [InlineData("error: Required argument missing for command: 'tag'.", "tag")]
    [InlineData("error: Required argument missing for command: 'rm'.", "rm")]
    [InlineData("error: Required argument missing for command: 'rmi'.", "rmi")]
    [InlineData("error: Required argument missing for command: 'inspect'.", "inspect")]
    [InlineData("error: Required argument missing for command: 'history'.", "history")]
    [InlineData("error: Required argument missing for option: '--filter'.", "ls", "--filter")]
    public async Task Command_line_mistakes_exit_2_with_a_hint(string expectedError, params string[] arguments)
    {
        var result = await store.RunAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        var lines = result.StandardError.TrimEnd('\n').Split('\n');
        Assert.Contains(expectedError, lines);
        Assert.Equal(HelpHint, lines[^1]);
        Assert.All(lines[..^1], line => Assert.StartsWith("error: ", line));
    }

    [Theory]
    [InlineData("ls", "--bogus")]
    [InlineData("rm", "--bogus", "a:1")]
    public async Task An_unknown_option_on_a_command_with_arguments_is_a_usage_error_that_changes_nothing(params string[] arguments)
    {
        await store.ImportSmallAsync("a:1", DaysAgo(3));

        var result = await store.RunAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.StartsWith("error: Unrecognized command or argument '--bogus'.", result.StandardError);
        Assert.Equal(["docker.io/library/a:1"], await store.RefNamesAsync());
    }

    [Fact]
    public async Task Help_lists_the_image_commands_and_exits_0()
    {
        var help = await store.OutputAsync("--help");

        foreach (var command in new[] { "images, ls", "inspect", "history", "tag", "rm, rmi", "prune", "import", "system", "df", "fsck" })
        {
            Assert.Contains($"\n  {command} ", help);
        }
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("--verbose")]
    public async Task Without_a_command_the_help_shows_with_usage_lines_naming_dotnet_image(params string[] arguments)
    {
        var alone = await ProcessRunner.RunAsync(CliRunner.ToolPath, [.. arguments]);
        var withStore = await store.RunAsync(arguments);

        foreach (var result in new[] { alone, withStore })
        {
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("Usage:\n  dotnet image [command] [options]\n", result.StandardOutput);
            Assert.DoesNotContain("\n  dotnet-image ", result.StandardOutput);
        }
    }

    [Fact]
    public async Task Dash_v_is_the_version_as_in_docker()
    {
        var shortForm = (await ProcessRunner.RunAsync(CliRunner.ToolPath, ["-v"])).EnsureSuccess().StandardOutput;
        var longForm = (await ProcessRunner.RunAsync(CliRunner.ToolPath, ["--version"])).EnsureSuccess().StandardOutput;

        Assert.Equal(longForm, shortForm);
        Assert.Matches(@"^\d+\.\d+\.\d+", shortForm);
    }

    [Fact]
    public async Task A_url_given_as_an_image_names_the_scheme_to_drop()
    {
        var result = await store.RunAsync("pull", "http://localhost:5000/app:1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("a reference has no scheme: drop \"http://\"", result.StandardError);
    }

    [Fact]
    public async Task Build_help_lists_every_base_kind_from_takes()
    {
        var help = await store.OutputAsync("build", "--help");

        foreach (var kind in new[] { "scratch", "docker://REF", "oci:DIR[:REF]", "oci-archive:FILE[:REF]", "docker-archive:FILE[:REF]", "docker-daemon:NAME[:TAG]", "in the store" })
        {
            Assert.Contains(kind, help);
        }
    }

    [Fact]
    public async Task A_store_path_that_is_a_file_fails_with_one_line()
    {
        var file = store.Root + ".file";
        await File.WriteAllTextAsync(file, "not a directory\n");
        var runner = new Infrastructure.CliRunner(file);

        var result = await runner.RunAsync("ls");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Equal($"error: {file} is a file, not an OCI image layout directory; choose a directory path\n", result.StandardError);
    }

    [Theory]
    [InlineData("ls")]
    [InlineData("fsck")]
    [InlineData("rm", "-f", "a:1")]
    [InlineData("prune", "-f")]
    public async Task A_damaged_index_json_fails_with_one_line_and_is_left_alone(params string[] arguments)
    {
        await store.ImportSmallAsync("a:1", DaysAgo(3));
        var indexPath = Path.Combine(store.Root, "index.json");
        await File.WriteAllTextAsync(indexPath, "{not json");

        var result = await store.RunAsync(arguments);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.StartsWith($"error: {indexPath} is damaged (", result.StandardError);
        Assert.Single(result.StandardError.TrimEnd('\n').Split('\n'));
        Assert.Equal("{not json", await File.ReadAllTextAsync(indexPath));
    }
}
