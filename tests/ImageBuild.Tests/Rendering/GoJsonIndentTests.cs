using System.Text;
using ImageBuild.Cli.Rendering;

namespace ImageBuild.Tests.Rendering;

public sealed class GoJsonIndentTests
{
    [Fact]
    public void IndentsWithTabsAsGosJsonIndentDoes()
    {
        var compact = """{"schemaVersion":2,"layers":[{"size":12,"urls":[]},{"annotations":{}}],"config":{"digest":"sha256:ab"}}""";

        var indented = GoJsonIndent.Indent(Encoding.UTF8.GetBytes(compact));

        Assert.Equal(
            "{\n\t\"schemaVersion\": 2,\n\t\"layers\": [\n\t\t{\n\t\t\t\"size\": 12,\n\t\t\t\"urls\": []\n\t\t},\n\t\t{\n\t\t\t\"annotations\": {}\n\t\t}\n\t],\n\t\"config\": {\n\t\t\"digest\": \"sha256:ab\"\n\t}\n}",
            indented);
    }

    [Fact]
    public void StringsKeepTheirBytesEscapesAndPunctuation()
    {
        var compact = """{"a":"x, {y}: [z] \"q\" \\","b":"é\u00e9","n":-1.50e+3}""";

        var indented = GoJsonIndent.Indent(Encoding.UTF8.GetBytes(compact));

        Assert.Equal("{\n\t\"a\": \"x, {y}: [z] \\\"q\\\" \\\\\",\n\t\"b\": \"é\\u00e9\",\n\t\"n\": -1.50e+3\n}", indented);
    }

    [Fact]
    public void ExistingWhitespaceIsReplaced()
    {
        var spaced = "{\n    \"a\" : [ 1 ,\r\n 2 ],\n    \"b\": { }\n}\n";

        Assert.Equal("{\n\t\"a\": [\n\t\t1,\n\t\t2\n\t],\n\t\"b\": {}\n}", GoJsonIndent.Indent(Encoding.UTF8.GetBytes(spaced)));
    }

    [Fact]
    public void ManifestsAlreadyOnSeveralLinesArePrintedAsSent()
    {
        var pretty = Encoding.UTF8.GetBytes("{\n   \"schemaVersion\": 2,\n   \"manifests\": []\n}\n");
        var compact = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"manifests\":[]}");

        Assert.Equal("{\n   \"schemaVersion\": 2,\n   \"manifests\": []\n}", ManifestInspectJson.Plain(pretty));
        Assert.Equal("{\n\t\"schemaVersion\": 2,\n\t\"manifests\": []\n}", ManifestInspectJson.Plain(compact));
    }
}
