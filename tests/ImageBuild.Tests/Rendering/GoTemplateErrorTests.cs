using System.Text.Json.Nodes;
using ImageBuild.Cli.Rendering;
using ImageBuild.Errors;

namespace ImageBuild.Tests.Rendering;

public sealed class GoTemplateErrorTests
{
    private const string Data = """{"Tag":"latest","ID":"abc","Env":["A=1","B=2"],"Labels":{"a":"1"}}""";

    [Theory]
    [InlineData("{{bogus}}", "template: :1:3: function \"bogus\" not defined")]
    [InlineData("ab{{.ID | bogus}}", "template: :1:11: function \"bogus\" not defined")]
    [InlineData("{{.ID", "template: :1:1: unclosed action")]
    [InlineData("x{{if .ID}}x", "template: :1:13: unexpected EOF")]
    [InlineData("{{end}}", "template: :1:3: unexpected {{end}}")]
    [InlineData("{{else}}", "template: :1:3: unexpected {{else}}")]
    [InlineData("x\n  {{.A | 3}}", "template: :2:10: non executable command in pipeline stage 2")]
    [InlineData("{{\"abc}}", "template: :1:3: unterminated quoted string")]
    [InlineData("{{`abc}}", "template: :1:3: unterminated raw quoted string")]
    [InlineData("{{$x}}", "template: :1:3: undefined variable \"$x\"")]
    [InlineData("{{if .A}}{{$x := 1}}{{end}}{{$x}}", "template: :1:30: undefined variable \"$x\"")]
    [InlineData("{{break}}", "template: :1:3: {{break}} outside {{range}}")]
    [InlineData("{{.A }x}}", "template: :1:6: unexpected \"}\" in operand")]
    [InlineData("{{}}", "template: :1:3: missing value for command")]
    [InlineData("{{if}}{{end}}", "template: :1:5: missing value for if")]
    [InlineData("{{(.A}}", "template: :1:6: unclosed left paren")]
    [InlineData("{{.A)}}", "template: :1:5: unexpected right paren")]
    [InlineData("{{/* open }}", "template: :1:1: unclosed comment")]
    [InlineData("{{3x}}", "template: :1:3: bad number syntax: \"3x\"")]
    [InlineData("{{\"\\q\"}}", "template: :1:3: invalid syntax in quoted string")]
    [InlineData("{{template \"x\"}}", "template: :1:3: {{template}} is not supported in --format templates")]
    [InlineData("{{range $a, $b, $c := .}}{{end}}", "template: :1:15: range can only initialize variables")]
    public void ParseErrorsNameLineAndColumn(string template, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => GoTemplate.Parse(template));

        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("{{upper 3}}", "template: :1:3: executing \"\" at <upper 3>: wrong type for value; expected string; got int")]
    [InlineData("a {{- upper 3 -}} b", "template: :1:7: executing \"\" at <upper 3>: wrong type for value; expected string; got int")]
    [InlineData("{{upper .Missing}}", "template: :1:3: executing \"\" at <upper .Missing>: invalid value; expected string")]
    [InlineData("{{upper}}", "template: :1:3: executing \"\" at <upper>: wrong number of args for upper: want 1 got 0")]
    [InlineData("{{index}}", "template: :1:3: executing \"\" at <index>: wrong number of args for index: want at least 1 got 0")]
    [InlineData("{{.Tag.Foo}}", "template: :1:3: executing \"\" at <.Tag.Foo>: can't evaluate field Foo in type string")]
    [InlineData("{{index .Env 5}}", "template: :1:3: executing \"\" at <index .Env 5>: error calling index: index out of range: 5")]
    [InlineData("{{index .Labels 1}}", "template: :1:3: executing \"\" at <index .Labels 1>: error calling index: value has type int; should be string")]
    [InlineData("{{range .Tag}}{{end}}", "template: :1:3: executing \"\" at <.Tag>: range can't iterate over latest")]
    [InlineData("{{join .Tag \",\"}}", "template: :1:3: executing \"\" at <join .Tag \",\">: wrong type for value; expected []string; got string")]
    [InlineData("{{join .Env .Labels}}", "template: :1:3: executing \"\" at <join .Env .Labels>: wrong type for value; expected string; got map[string]interface {}")]
    [InlineData("{{join .Env .Labels.a .Tag}}", "template: :1:3: executing \"\" at <join .Env .Labels.a ...>: wrong number of args for join: want 2 got 3")]
    [InlineData("{{len 3}}", "template: :1:3: executing \"\" at <len 3>: error calling len: len of type int")]
    [InlineData("{{pad .Tag \"2\" 3}}", "template: :1:3: executing \"\" at <pad .Tag \"2\" 3>: wrong type for value; expected int; got string")]
    [InlineData("{{truncate .Tag -1}}", "template: :1:3: executing \"\" at <truncate .Tag -1>: error calling truncate: slice bounds out of range [:-1]")]
    [InlineData("{{.Tag 1}}", "template: :1:3: executing \"\" at <.Tag>: Tag is not a method but has arguments")]
    [InlineData("{{\"x\" 1}}", "template: :1:3: executing \"\" at <\"x\">: can't give argument to non-function \"x\"")]
    [InlineData("{{nil}}", "template: :1:3: executing \"\" at <nil>: nil is not a command")]
    [InlineData("{{eq .Tag 1}}", "template: :1:3: executing \"\" at <eq .Tag 1>: error calling eq: incompatible types for comparison")]
    [InlineData("{{lt .Env .Env}}", "template: :1:3: executing \"\" at <lt .Env .Env>: error calling lt: invalid type for comparison")]
    [InlineData("a\nb {{.Tag | printf}}", "template: :2:12: function \"printf\" not defined")]
    public void ExecutionErrorsNameTheFailingCommand(string template, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => GoTemplate.Parse(template).Execute(JsonNode.Parse(Data)));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void StrictFieldsReportTheUnknownField()
    {
        var template = GoTemplate.Parse("{{.ID}} {{.Bogus}}");

        var error = Assert.Throws<InvalidInputException>(() => template.Execute(JsonNode.Parse(Data), MissingFieldBehavior.Error));

        Assert.Equal("template: :1:11: executing \"\" at <.Bogus>: can't evaluate field Bogus", error.Message);
    }

    [Fact]
    public void ErrorMessagesStayOnOneLine()
    {
        var template = GoTemplate.Parse("{{range .Tag}}{{end}}");

        var error = Assert.Throws<InvalidInputException>(() => template.Execute(JsonNode.Parse("""{"Tag":"a\nb"}""")));

        Assert.DoesNotContain('\n', error.Message);
        Assert.EndsWith("range can't iterate over a\\nb", error.Message, StringComparison.Ordinal);
    }
}
