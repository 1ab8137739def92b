using ImageBuild.Cli.Rendering;

namespace ImageBuild.Tests.Rendering;

public sealed class EllipsisTests
{
    private const string CreatedBy = "/bin/sh -c #(nop) ADD file:d7fa3c26651f9204a5629287a1a9a6e7fc6d7e3a4b2a4e4f4a2c5d2a8a1e4c5b in / ";

    [Fact]
    public void LongHistoryCommandKeeps44CharactersAndAnEllipsis()
    {
        var truncated = Ellipsis.Truncate(CreatedBy, Ellipsis.HistoryAndSearchWidth);

        Assert.Equal("/bin/sh -c #(nop) ADD file:d7fa3c26651f9204a…", truncated);
        Assert.Equal(45, truncated.Length);
    }

    [Theory]
    [InlineData("", 45, "")]
    [InlineData("short", 45, "short")]
    [InlineData("abcde", 5, "abcde")]
    [InlineData("abcdef", 5, "abcd…")]
    [InlineData("abcdef", 2, "a…")]
    [InlineData("abcdef", 1, "a")]
    [InlineData("abcdef", 0, "")]
    [InlineData("你好世界", 8, "你好世界")]
    [InlineData("你好世界", 5, "你好…")]
    [InlineData("你好世界", 6, "你好…")]
    [InlineData("a你好", 4, "a你…")]
    [InlineData("世界", 2, "世界")] // docker's quirk: the first character alone is too wide, nothing is cut
    [InlineData("世界", 1, "世")]
    public void TruncateCountsDisplayColumns(string text, int width, string expected)
    {
        Assert.Equal(expected, Ellipsis.Truncate(text, width));
    }
}
