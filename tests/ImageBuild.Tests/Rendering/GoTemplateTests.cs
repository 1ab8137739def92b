using System.Text.Json.Nodes;
using ImageBuild.Cli.Rendering;

namespace ImageBuild.Tests.Rendering;

public sealed class GoTemplateTests
{
    private const string Data = """
        {"ID":"sha256:abc","Repository":"alpine","Tag":"latest",
         "Config":{"Env":["PATH=/usr/bin","HOME=/root"],"Labels":{"b":"2","a":"1"},"Cmd":null,"User":""},
         "Count":3,"Ratio":0.5,"Big":1e21,"Flag":true,"Off":false,"Empty":[],"Map":{}}
        """;

    [Theory]
    [InlineData("{{.ID}}", "sha256:abc")]
    [InlineData("plain text", "plain text")]
    [InlineData("{{.Repository}}:{{.Tag}}", "alpine:latest")]
    [InlineData("{{.Config.Env}}", "[PATH=/usr/bin HOME=/root]")]
    [InlineData("{{.Config.Labels}}", "map[a:1 b:2]")]
    [InlineData("{{.Config.Cmd}}", "<no value>")]
    [InlineData("{{.Missing}}", "<no value>")]
    [InlineData("{{.Missing.Deeper}}", "<no value>")]
    [InlineData("{{.Flag}} {{.Off}}", "true false")]
    [InlineData("{{.Count}} {{.Ratio}} {{.Big}}", "3 0.5 1e+21")]
    [InlineData("{{.Empty}} {{.Map}}", "[] map[]")]
    [InlineData("{{.Config}}", "map[Cmd:<nil> Env:[PATH=/usr/bin HOME=/root] Labels:map[a:1 b:2] User:]")]
    [InlineData("{{(.Config).User}}|{{(index .Config.Env 1)}}", "|HOME=/root")]
    public void FieldsPrintLikeGoFmt(string template, string expected)
    {
        Assert.Equal(expected, Run(template));
    }

    [Theory]
    [InlineData("{{json .Config.Env}}", """["PATH=/usr/bin","HOME=/root"]""")]
    [InlineData("{{json .Config}}", """{"Env":["PATH=/usr/bin","HOME=/root"],"Labels":{"b":"2","a":"1"},"Cmd":null,"User":""}""")]
    [InlineData("{{json .Count}} {{json .Ratio}} {{json .Big}} {{json .Flag}} {{json .Missing}}", "3 0.5 1e+21 true null")]
    [InlineData("{{json \"a<b>&\\\"c\\n\\u2028\\x01\"}}", "\"a<b>&\\\"c\\n\\u2028\\u0001\"")]
    [InlineData("{{json .Tag | upper}}", "\"LATEST\"")]
    public void JsonIsCompactWithoutHtmlEscaping(string template, string expected)
    {
        Assert.Equal(expected, Run(template));
    }

    [Fact]
    public void JsonOfTheWholeObjectKeepsMemberOrder()
    {
        const string compact = """{"Z":1,"A":{"y":[1,"two",null,false],"x":{}},"M":"x/y"}""";
        var json = GoTemplate.Parse("{{json .}}").Execute(JsonNode.Parse(compact));

        Assert.Equal(compact, json);
    }

    [Theory]
    [InlineData("{{.Repository | upper}}", "ALPINE")]
    [InlineData("{{upper .Repository}} {{lower \"ABC\"}}", "ALPINE abc")]
    [InlineData("{{title \"hello world-foo_bar\"}}", "Hello World-Foo_bar")]
    [InlineData("{{split \"a:b:c\" \":\"}}", "[a b c]")]
    [InlineData("{{split \"\" \":\"}} {{len (split \"\" \":\")}}", "[] 1")]
    [InlineData("{{join .Config.Env \",\"}}", "PATH=/usr/bin,HOME=/root")]
    [InlineData("{{join (split \"a:b\" \":\") \"-\"}}", "a-b")]
    [InlineData("{{\"a:b\" | split \":\" | len}}", "1")]
    [InlineData("[{{pad .Tag 2 3}}][{{pad \"\" 2 3}}]", "[  latest   ][]")]
    [InlineData("{{truncate .ID 6}} {{truncate \"abc\" 5}} {{truncate \"abc\" 3}}", "sha256 abc abc")]
    [InlineData("{{println .Tag}}", "latest\n")]
    [InlineData("{{println \"a\" 1 .Missing}}", "a 1 <nil>\n")]
    [InlineData("{{print \"a\" 1 2 \"b\"}}", "a1 2b")]
    [InlineData("{{len .Config.Env}} {{len .Config.Labels}} {{len \"héllo\"}}", "2 2 6")]
    [InlineData("{{index .Config.Env 1}} {{index .Config.Labels \"a\"}} {{index .Config.Labels \"zz\"}} {{index \"abc\" 1}}", "HOME=/root 1 <no value> 98")]
    [InlineData("{{index . \"Config\" \"Env\" 0}}", "PATH=/usr/bin")]
    public void FunctionsAndPipes(string template, string expected)
    {
        Assert.Equal(expected, Run(template));
    }

    [Theory]
    [InlineData("{{eq .Tag \"latest\"}} {{eq .Count 1 2 3}} {{ne .Count 3}}", "true true false")]
    [InlineData("{{lt 1 2}} {{le 2 2}} {{gt 1.5 2.5}} {{ge \"b\" \"a\"}}", "true true false true")]
    [InlineData("{{and .Flag .Tag}}|{{and .Off .Tag}}|{{or .Off .Empty \"x\"}}|{{or .Off .Empty}}", "latest|false|x|[]")]
    [InlineData("{{not .Flag}} {{not .Empty}}", "false true")]
    [InlineData("{{if and .Flag (eq .Count 3)}}both{{end}}", "both")]
    public void ComparisonsAndLogic(string template, string expected)
    {
        Assert.Equal(expected, Run(template));
    }

    [Theory]
    [InlineData("{{if .Flag}}yes{{else}}no{{end}}", "yes")]
    [InlineData("{{if .Off}}yes{{else}}no{{end}}", "no")]
    [InlineData("{{if .Empty}}x{{else if .Map}}y{{else if .Count}}z{{else}}w{{end}}", "z")]
    [InlineData("{{if .Empty}}x{{else if .Map}}y{{else}}w{{end}}", "w")]
    [InlineData("{{if .Config.User}}u{{else}}none{{end}}", "none")]
    [InlineData("{{if .Config.Cmd}}a{{else}}b{{end}}{{if .Missing}}a{{else}}b{{end}}", "bb")]
    [InlineData("{{if .Ratio}}r{{end}}{{if 0}}a{{else}}b{{end}}{{if 0.0}}c{{end}}", "rb")]
    [InlineData("{{if .Tag}}{{if .Off}}inner{{else}}nested{{end}}{{end}}", "nested")]
    [InlineData("{{with .Config}}{{.User}}|{{len .Env}}{{end}}", "|2")]
    [InlineData("{{with .Config.User}}x{{else}}no user{{end}}", "no user")]
    [InlineData("{{with .Config.Cmd}}x{{else with .Tag}}{{.}}{{end}}", "latest")]
    [InlineData("{{with $t := .Tag}}{{$t}}{{.}}{{end}}", "latestlatest")]
    public void IfAndWith(string template, string expected)
    {
        Assert.Equal(expected, Run(template));
    }

    [Theory]
    [InlineData("{{range .Config.Env}}[{{.}}]{{end}}", "[PATH=/usr/bin][HOME=/root]")]
    [InlineData("{{range $i, $e := .Config.Env}}{{$i}}={{$e}};{{end}}", "0=PATH=/usr/bin;1=HOME=/root;")]
    [InlineData("{{range $e := .Config.Env}}{{$e}};{{end}}", "PATH=/usr/bin;HOME=/root;")]
    [InlineData("{{range $k, $v := .Config.Labels}}{{$k}}{{$v}}{{end}}", "a1b2")]
    [InlineData("{{range .Empty}}x{{else}}empty{{end}}", "empty")]
    [InlineData("{{range .Config.Cmd}}x{{else}}none{{end}}", "none")]
    [InlineData("{{range .Config.Env}}{{$.Tag}}{{end}}", "latestlatest")]
    [InlineData("{{range .Config.Env}}a{{break}}b{{end}}", "a")]
    [InlineData("{{range $i, $e := .Config.Env}}{{if eq $i 0}}{{continue}}{{end}}{{$e}}{{end}}", "HOME=/root")]
    [InlineData("{{range .Config.Env}}{{$x := .}}{{end}}{{range (split \"x,y\" \",\")}}{{.}}{{end}}", "xy")]
    public void Range(string template, string expected)
    {
        Assert.Equal(expected, Run(template));
    }

    [Theory]
    [InlineData("{{$x := .Tag}}{{$x}}-{{$x = \"y\"}}{{$x}}", "latest-y")]
    [InlineData("{{$}}", "map[Big:1e+21 Config:map[Cmd:<nil> Env:[PATH=/usr/bin HOME=/root] Labels:map[a:1 b:2] User:] Count:3 Empty:[] Flag:true ID:sha256:abc Map:map[] Off:false Ratio:0.5 Repository:alpine Tag:latest]")]
    [InlineData("{{$c := .Config}}{{$c.Env}}", "[PATH=/usr/bin HOME=/root]")]
    [InlineData("a  {{- .Tag -}}  b", "alatestb")]
    [InlineData("{{.Tag}} \n\t {{- .Tag}}", "latestlatest")]
    [InlineData("x {{- /* a comment */ -}} y{{/* another */}}", "xy")]
    [InlineData("{{- .Tag}}{{.Tag -}}", "latestlatest")]
    [InlineData("{{ .Tag }}{{-3}}", "latest-3")]
    [InlineData("{{\"a\\tb\"}}|{{`a\\tb`}}|{{\"\\u00e9\\x41\\101\"}}", "a\tb|a\\tb|éAA")]
    [InlineData("{{1e3}} {{0x10}} {{-5}} {{'a'}} {{1.5}} {{1e6}} {{true}} {{1_000}}", "1000 16 -5 97 1.5 1e+06 true 1000")]
    [InlineData("{{.}}", "alpine", "\"alpine\"")]
    [InlineData("{{.}}", "[a b]", "[\"a\",\"b\"]")]
    [InlineData("{{.}}|{{.X}}", "<no value>|<no value>", "null")]
    public void VariablesTrimmingAndLiterals(string template, string expected, string data = Data)
    {
        Assert.Equal(expected, GoTemplate.Parse(template).Execute(JsonNode.Parse(data)));
    }

    [Fact]
    public void StrictFieldsRejectUnknownNamesButAllowKnownOnes()
    {
        var template = GoTemplate.Parse("{{.Tag}}");

        Assert.Equal("latest", template.Execute(JsonNode.Parse(Data), MissingFieldBehavior.Error));
    }

    private static string Run(string template) => GoTemplate.Parse(template).Execute(JsonNode.Parse(Data));
}
