using static ImageBuild.IntegrationTests.Cli.CliStore;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// A --format from an untrusted source, run by the installed tool: nesting deep enough to overflow a recursive parser
/// and endless {{template}} recursion end in one line on standard error and docker's exit code (64 for inspect's
/// parse errors, 1 otherwise), never a crash or a stack trace.
/// </summary>
public sealed class HostileTemplateTests : IDisposable
{
    /// <summary>docker's CLI exits with 64 (EX_USAGE) for an inspect template that does not parse, 1 for other failures.</summary>
    private const int InspectParseError = 64;
    private const int Failure = 1;
    private const string TooDeep = "template parsing error: template: :1: nesting too deep: more than 10000 levels of parentheses and blocks; simplify the template\n";

    private readonly CliStore store = new();

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task Deeply_nested_formats_fail_in_one_line_with_dockers_exit_codes()
    {
        await store.ImportSmallAsync("hostile:1", DaysAgo(2));
        var parentheses = "{{" + new string('(', 20000) + "1" + new string(')', 20000) + "}}";
        // Blocks and parentheses count together; a single argument may not exceed 128 KiB, hence the mix.
        var mixed = string.Concat(Enumerable.Repeat("{{if 1}}", 5000)) + "{{" + new string('(', 6000) + "1" + new string(')', 6000) + "}}" + string.Concat(Enumerable.Repeat("{{end}}", 5000));

        await store.AssertFailsAsync(InspectParseError, "error: " + TooDeep, "inspect", "--format", parentheses, "hostile:1");
        await store.AssertFailsAsync(InspectParseError, "error: " + TooDeep, "inspect", "--format", mixed, "hostile:1");
        await store.AssertFailsAsync(Failure, "error: " + TooDeep, "ls", "--format", parentheses);
    }

    [Fact]
    public async Task Endless_template_recursion_stops_at_gos_depth_in_one_line()
    {
        await store.ImportSmallAsync("hostile:1", DaysAgo(2));

        var result = await store.RunAsync("inspect", "--format", "{{define \"a\"}}{{template \"a\"}}{{end}}{{template \"a\"}}", "hostile:1");

        // docker's inspect flushes an empty result as one newline.
        Assert.Equal((Failure, "\n"), (result.ExitCode, result.StandardOutput));
        Assert.Equal("error: template parsing error: template: :1:25: executing \"a\" at <{{template \"a\"}}>: exceeded maximum template depth (100000)\n", result.StandardError);
    }
}
