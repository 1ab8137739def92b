using ImageBuild.Cli.Rendering;
using ImageBuild.Cli.Rendering.Docker;
using ImageBuild.Errors;
using ImageBuild.Templates.Values;

namespace ImageBuild.Tests.Rendering;

public sealed class ListFormatTests
{
    private static readonly GoValue[] Rows =
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

        var output = format.Render(Rows, ColumnHeaders.Images);

        Assert.True(format.IsTable);
        Assert.Equal(
            "REPOSITORY                      TAG       CREATED AT\n" +
            "ALPINE                          latest    2024-01-02 03:04:05 +0000 UTC\n" +
            "REGISTRY.EXAMPLE.COM/TEAM/APP   1.2.3     2024-01-02 03:04:05 +0000 UTC\n",
            output);
    }

    [Fact]
    public void JsonPrintsOneObjectPerLineWithSortedKeysAndHtmlEscaped()
    {
        var format = ListFormat.Parse("json", DefaultTableFormats.Images);

        var output = format.Render(Rows, ColumnHeaders.Images);

        Assert.False(format.IsTable);
        Assert.Equal(
            """{"Containers":"N/A","CreatedAt":"2024-01-02 03:04:05 +0000 UTC","CreatedSince":"2 weeks ago","Digest":"\u003cnone\u003e","ID":"c059bfaa849c","Repository":"alpine","SharedSize":"N/A","Size":"5.59MB","Tag":"latest","UniqueSize":"N/A","VirtualSize":"5.59MB"}""" + "\n" +
            """{"Containers":"N/A","CreatedAt":"2024-01-02 03:04:05 +0000 UTC","CreatedSince":"3 hours ago","Digest":"\u003cnone\u003e","ID":"0123456789ab","Repository":"registry.example.com/team/app","SharedSize":"N/A","Size":"123MB","Tag":"1.2.3","UniqueSize":"N/A","VirtualSize":"123MB"}""" + "\n",
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

        var error = Assert.Throws<ImageBuildException>(() => format.Write(Rows, ColumnHeaders.Images, output));

        Assert.Equal("template parsing error: template: :1:10: executing \"\" at <.Bogus>: can't evaluate field Bogus in type *formatter.imageContext", error.Message);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public void BadTemplateIsRejectedWhenParsed()
    {
        var error = Assert.Throws<ImageBuildException>(() => ListFormat.Parse("table {{.ID | nope}}", DefaultTableFormats.Images));

        Assert.Equal("template parsing error: template: :1: function \"nope\" not defined", error.Message);
    }

    [Fact]
    public void DiskUsageTableAlignsLikeDockerSystemDf()
    {
        GoValue[] rows =
        [
            FormatterContexts.DiskUsageImages.Row("0", HumanSize.FormatReclaimable(617_283_945, 1_234_567_890), HumanSize.Format(1_234_567_890, 4), "3", "Images"),
            FormatterContexts.DiskUsageImages.Row("0", HumanSize.FormatReclaimable(0, 0), HumanSize.Format(0, 4), "0", "Build Cache"),
        ];

        var output = ListFormat.Parse(null, DefaultTableFormats.DiskUsage).Render(rows, ColumnHeaders.DiskUsage);

        Assert.Equal(
            "TYPE          TOTAL     ACTIVE    SIZE      RECLAIMABLE\n" +
            "Images        3         0         1.235GB   617.3MB (50%)\n" +
            "Build Cache   0         0         0B        0B\n",
            output);
    }

    private static GoValue Row(string repository, string tag, string id, string created, string size) =>
        FormatterContexts.Image.Row("N/A", "2024-01-02 03:04:05 +0000 UTC", created, "<none>", id, repository, "N/A", size, tag, "N/A", size);
}
