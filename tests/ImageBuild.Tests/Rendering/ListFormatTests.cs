using System.Text.Json.Nodes;
using ImageBuild.Cli.Rendering;
using ImageBuild.Errors;

namespace ImageBuild.Tests.Rendering;

public sealed class ListFormatTests
{
    private static readonly JsonNode?[] Rows =
    [
        Row("alpine", "latest", "c059bfaa849c", "2 weeks ago", "5.59MB"),
        Row("registry.example.com/team/app", "1.2.3", "0123456789ab", "3 hours ago", "123MB"),
    ];

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("table")]
    public void DefaultTableMatchesDockerImagesLayout(string? format)
    {
        var output = ListFormat.Parse(format, DefaultTableFormats.Images).Render(Rows, ColumnHeaders.Images);

        Assert.Equal(
            "REPOSITORY                      TAG       IMAGE ID       CREATED       SIZE\n" +
            "alpine                          latest    c059bfaa849c   2 weeks ago   5.59MB\n" +
            "registry.example.com/team/app   1.2.3     0123456789ab   3 hours ago   123MB\n",
            output);
    }

    [Fact]
    public void EmptyTableStillPrintsTheHeader()
    {
        var output = ListFormat.Parse(null, DefaultTableFormats.Images).Render([], ColumnHeaders.Images);

        Assert.Equal("REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n", output);
    }

    [Fact]
    public void CustomTableUsesHeadersAndIdentityFunctionsForTheHeaderRow()
    {
        var format = ListFormat.Parse("table {{.Repository | upper}}\\t{{lower .Tag}}\\t{{.CreatedAt}}", DefaultTableFormats.Images);

        var output = format.Render(Rows, ColumnHeaders.Images, MissingFieldBehavior.NoValue);

        Assert.True(format.IsTable);
        Assert.Equal(
            "REPOSITORY                      TAG       CREATED AT\n" +
            "ALPINE                          latest    <no value>\n" +
            "REGISTRY.EXAMPLE.COM/TEAM/APP   1.2.3     <no value>\n",
            output);
    }

    [Fact]
    public void JsonPrintsOneObjectPerLine()
    {
        var format = ListFormat.Parse("json", DefaultTableFormats.Images);

        var output = format.Render(Rows, ColumnHeaders.Images);

        Assert.False(format.IsTable);
        Assert.Equal(
            """{"Repository":"alpine","Tag":"latest","ID":"c059bfaa849c","CreatedSince":"2 weeks ago","Size":"5.59MB"}""" + "\n" +
            """{"Repository":"registry.example.com/team/app","Tag":"1.2.3","ID":"0123456789ab","CreatedSince":"3 hours ago","Size":"123MB"}""" + "\n",
            output);
    }

    [Fact]
    public void PlainTemplatesPrintEachRowWithEscapesExpandedAndNoHeader()
    {
        var output = ListFormat.Parse("  {{.Repository}}:{{.Tag}}\\t{{.ID}}\\n  ", DefaultTableFormats.Images).Render(Rows, ColumnHeaders.Images);

        Assert.Equal("alpine:latest\tc059bfaa849c\n\nregistry.example.com/team/app:1.2.3\t0123456789ab\n\n", output);
    }

    [Fact]
    public void QuietFormatPrintsIds()
    {
        var output = ListFormat.Parse(DefaultTableFormats.Quiet, DefaultTableFormats.Images).Render(Rows, ColumnHeaders.Images);

        Assert.Equal("c059bfaa849c\n0123456789ab\n", output);
    }

    [Fact]
    public void UnknownFieldFailsWithoutWritingAnything()
    {
        var format = ListFormat.Parse("table {{.ID}}\\t{{.Bogus}}", DefaultTableFormats.Images);
        using var output = new StringWriter();

        var error = Assert.Throws<InvalidInputException>(() => format.Write(Rows, ColumnHeaders.Images, output));

        Assert.Equal("template: :1:11: executing \"\" at <.Bogus>: can't evaluate field Bogus", error.Message);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public void BadTemplateIsRejectedWhenParsed()
    {
        var error = Assert.Throws<InvalidInputException>(() => ListFormat.Parse("table {{.ID | nope}}", DefaultTableFormats.Images));

        Assert.Equal("template: :1:9: function \"nope\" not defined", error.Message);
    }

    [Fact]
    public void DiskUsageTableAlignsLikeDockerSystemDf()
    {
        JsonNode?[] rows =
        [
            new JsonObject { ["Type"] = "Images", ["TotalCount"] = "3", ["Active"] = "0", ["Size"] = HumanSize.Format(1_234_567_890, 4), ["Reclaimable"] = HumanSize.FormatReclaimable(617_283_945, 1_234_567_890) },
            new JsonObject { ["Type"] = "Build Cache", ["TotalCount"] = "0", ["Active"] = "0", ["Size"] = HumanSize.Format(0, 4), ["Reclaimable"] = HumanSize.FormatReclaimable(0, 0) },
        ];

        var output = ListFormat.Parse(null, DefaultTableFormats.DiskUsage).Render(rows, ColumnHeaders.DiskUsage);

        Assert.Equal(
            "TYPE          TOTAL     ACTIVE    SIZE      RECLAIMABLE\n" +
            "Images        3         0         1.235GB   617.3MB (50%)\n" +
            "Build Cache   0         0         0B        0B\n",
            output);
    }

    private static JsonObject Row(string repository, string tag, string id, string created, string size) => new()
    {
        ["Repository"] = repository,
        ["Tag"] = tag,
        ["ID"] = id,
        ["CreatedSince"] = created,
        ["Size"] = size,
    };
}
