using ImageBuild.Templates.Functions;

namespace ImageBuild.Templates.Tests.Parsing;

/// <summary>
/// Hostile --format input (issue 13): nesting deep enough to overflow a recursive parser's stack is refused with one
/// line, and nesting up to the limit still works.
/// </summary>
public sealed class NestingLimitTests
{
    private const int Limit = 10000;

    [Fact]
    public void Twenty_thousand_nested_parentheses_are_refused_in_one_line()
    {
        var hostile = "{{" + new string('(', 20000) + "1" + new string(')', 20000) + "}}";

        var error = Assert.Throws<TemplateParseException>(() => GoTemplate.Parse(hostile, DockerFunctions.Standard));

        Assert.Equal($"template: :1: nesting too deep: more than {Limit} levels of parentheses and blocks; simplify the template", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Twenty_thousand_nested_blocks_are_refused_in_one_line()
    {
        var hostile = string.Concat(Enumerable.Repeat("{{if 1}}", 20000)) + "x" + string.Concat(Enumerable.Repeat("{{end}}", 20000));

        var error = Assert.Throws<TemplateParseException>(() => GoTemplate.Parse(hostile, DockerFunctions.Standard));

        Assert.Contains("nesting too deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_up_to_the_limit_parses_and_runs()
    {
        var deep = "{{" + new string('(', Limit) + "1" + new string(')', Limit) + "}}";
        var blocks = string.Concat(Enumerable.Repeat("{{with 1}}", Limit)) + "{{.}}" + string.Concat(Enumerable.Repeat("{{end}}", Limit));

        Assert.Equal("1", GoTemplate.Parse(deep).Execute(null));
        Assert.Equal("1", GoTemplate.Parse(blocks).Execute(null));
    }

    [Fact]
    public void Endless_template_recursion_stops_at_gos_depth_with_its_message()
    {
        var template = GoTemplate.Parse("{{define \"t\"}}{{template \"t\" .}}{{end}}{{template \"t\" .}}");

        var error = Assert.Throws<TemplateExecutionException>(() => template.Execute(null));

        Assert.Equal("template: :1:25: executing \"t\" at <{{template \"t\" .}}>: exceeded maximum template depth (100000)", error.Message);
    }
}
