namespace ImageBuild.Templates.Tests.Parsing;

/// <summary>Go's parse errors: "template: NAME:LINE: reason", with the line of the item where parsing stopped.</summary>
public sealed class ParseErrorTests
{
    [Theory]
    [InlineData("{{bogus}}", "template: :1: function \"bogus\" not defined")]
    [InlineData("{{.ID", "template: :1: unclosed action")]
    [InlineData("x{{if .ID}}x", "template: :1: unexpected EOF")]
    [InlineData("x\n  {{.A | 3}}", "template: :2: non executable command in pipeline stage 2")]
    [InlineData("{{(.A}}", "template: :1: unclosed left paren")]
    [InlineData("{{.A)}}", "template: :1: unexpected right paren")]
    [InlineData("{{/* open }}", "template: :1: unclosed comment")]
    [InlineData("{{3x}}", "template: :1: bad number syntax: \"3x\"")]
    [InlineData("{{\"\\q\"}}", "template: :1: invalid syntax")]
    [InlineData("{{.A }x}}", "template: :1: unexpected \"}\" in operand")]
    [InlineData("{{.A\n|\nprintf 3`x`}}", "template: :3: unexpected \"`x`\" in operand")]
    [InlineData("{{define \"a\"}}1{{end}}{{define \"a\"}}2{{end}}", "template: :1: template: multiple definition of template \"a\"")]
    [InlineData("{{printf \"%d\" 99999999999999999999}}", "template: :1: integer overflow: 99999999999999999999")]
    [InlineData("{{.A ~}}", "template: :1: unexpected \"~\" in operand")]
    [InlineData("{{.A é}}", "template: :1: function \"é\" not defined")]
    public void Messages_are_gos(string template, string expected)
    {
        var error = Assert.Throws<TemplateParseException>(() => GoTemplate.Parse(template));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Execution_errors_give_byte_offsets_as_go_counts_them()
    {
        // "é" is two bytes in UTF-8, so .Foo is at byte 12 of its line although it is the 11th character.
        var template = GoTemplate.Parse("{{/*x*/}}\n\"é\"{{print}}{{.Foo 1}}");

        var error = Assert.Throws<TemplateExecutionException>(() => template.Execute(Values.GoValue.Of("s")));

        Assert.Equal("template: :2:15: executing \"\" at <.Foo>: can't evaluate field Foo in type string", error.Message);
    }
}
