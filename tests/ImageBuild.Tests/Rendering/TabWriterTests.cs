using ImageBuild.Cli.Rendering;

namespace ImageBuild.Tests.Rendering;

public sealed class TabWriterTests
{
    [Fact]
    public void DockerTableColumnsAreWidestCellPlusThreeButAtLeastTen()
    {
        var writer = TabWriter.ForDockerTable();
        writer.Write("REPOSITORY\tTAG\tIMAGE ID\n");
        writer.Write("alpine\tlatest\tc059bfaa849c\n");

        Assert.Equal(
            "REPOSITORY   TAG       IMAGE ID\n" +
            "alpine       latest    c059bfaa849c\n",
            writer.Flush());
    }

    [Fact]
    public void EachColumnIsAlignedOverItsBlockOfLines()
    {
        var writer = new TabWriter(minWidth: 0, tabWidth: 8, padding: 1, padChar: '.');
        writer.Write("a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n");

        // Column 1 only spans the first two lines: the third has no tab after "bbbb".
        Assert.Equal("a...b...c\naa..bbb.cccc\naaa.bbbb\n", writer.Flush());
    }

    [Fact]
    public void ALineWithoutTabsEndsTheColumnBlock()
    {
        var writer = new TabWriter(minWidth: 0, tabWidth: 8, padding: 1, padChar: '.');
        writer.Write("a\tb\nccccc\nd\te\n");

        Assert.Equal("a.b\nccccc\nd.e\n", writer.Flush());
    }

    [Fact]
    public void EmptyCellsArePaddedAndTheLastCellIsNot()
    {
        var writer = new TabWriter(minWidth: 0, tabWidth: 8, padding: 1, padChar: '.');
        writer.Write("\tx\n\tyy\t\n");

        Assert.Equal(".x\n.yy.\n", writer.Flush());
    }

    [Fact]
    public void TextWithoutFinalNewlineIsKept()
    {
        var writer = new TabWriter(minWidth: 0, tabWidth: 8, padding: 2, padChar: ' ');
        writer.Write("ab\tc\nd\te");

        Assert.Equal("ab  c\nd   e", writer.Flush());
    }

    [Fact]
    public void WideCharactersCountTwoColumns()
    {
        var writer = TabWriter.ForDockerTable();
        writer.Write("你好世界你好\tx\nab\ty\n");

        // 12 columns + 3 padding = 15.
        Assert.Equal("你好世界你好   x\nab             y\n", writer.Flush());
    }

    [Fact]
    public void TabPaddingRoundsColumnsUpToTabStops()
    {
        var writer = new TabWriter(minWidth: 0, tabWidth: 8, padding: 1, padChar: '\t');
        writer.Write("a\tb\naaaaaaaaa\tc\n");

        // Width 10 rounds up to 16: "a" needs two tabs to get there, nine characters need one.
        Assert.Equal("a\t\tb\naaaaaaaaa\tc\n", writer.Flush());
    }

    [Fact]
    public void FlushStartsOver()
    {
        var writer = TabWriter.ForDockerTable();
        writer.Write("a-long-cell-value\tx\n");
        writer.Flush();
        writer.Write("b\ty\n");

        Assert.Equal("b         y\n", writer.Flush());
    }
}
