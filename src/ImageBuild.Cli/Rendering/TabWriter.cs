using System.Text;

namespace ImageBuild.Cli.Rendering;

/// <summary>
/// Go's text/tabwriter (elastic tabstops) as docker's fork of it uses it: cells end with '\t', the text after a
/// line's last tab is not aligned, a column block is a run of consecutive lines that have that cell, its width is
/// the widest cell plus padding (at least minWidth), and cell width counts display columns (wide characters two).
/// </summary>
internal sealed class TabWriter
{
    private readonly int minWidth;
    private readonly int tabWidth;
    private readonly int padding;
    private readonly char padChar;
    private readonly List<List<Cell>> lines = [[]];
    private readonly StringBuilder cell = new();
    private readonly List<int> widths = [];

    public TabWriter(int minWidth, int tabWidth, int padding, char padChar)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minWidth);
        ArgumentOutOfRangeException.ThrowIfNegative(tabWidth);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        this.minWidth = minWidth;
        this.tabWidth = tabWidth;
        this.padding = padding;
        this.padChar = padChar;
    }

    /// <summary>docker's table writer: <c>tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)</c>.</summary>
    public static TabWriter ForDockerTable() => new(minWidth: 10, tabWidth: 1, padding: 3, padChar: ' ');

    public void Write(string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\t':
                    TerminateCell();
                    break;
                case '\n':
                    TerminateCell();
                    lines.Add([]);
                    break;
                default:
                    cell.Append(c);
                    break;
            }
        }
    }

    /// <summary>Formats everything written so far, writes it, and starts over.</summary>
    public void Flush(TextWriter output)
    {
        if (cell.Length > 0)
        {
            TerminateCell();
        }

        var text = new StringBuilder();
        Format(text, 0, lines.Count);
        output.Write(text.ToString());
        lines.Clear();
        lines.Add([]);
        widths.Clear();
    }

    public string Flush()
    {
        using var output = new StringWriter();
        Flush(output);
        return output.ToString();
    }

    private void TerminateCell()
    {
        var text = cell.ToString();
        lines[^1].Add(new Cell(text, DisplayWidth.OfText(text)));
        cell.Clear();
    }

    private void Format(StringBuilder output, int line0, int line1)
    {
        var column = widths.Count;
        for (var current = line0; current < line1; current++)
        {
            if (column >= lines[current].Count - 1)
            {
                continue;
            }

            // This line has a cell in this column: it starts a block of lines that all do.
            WriteLines(output, line0, current);
            line0 = current;
            var width = minWidth;
            for (; current < line1 && column < lines[current].Count - 1; current++)
            {
                width = Math.Max(width, lines[current][column].Width + padding);
            }

            widths.Add(width);
            Format(output, line0, current);
            widths.RemoveAt(widths.Count - 1);
            line0 = current;
        }

        WriteLines(output, line0, line1);
    }

    private void WriteLines(StringBuilder output, int line0, int line1)
    {
        for (var i = line0; i < line1; i++)
        {
            var line = lines[i];
            for (var j = 0; j < line.Count; j++)
            {
                var lineCell = line[j];
                output.Append(lineCell.Text);
                if (j < widths.Count)
                {
                    WritePadding(output, lineCell.Width, widths[j]);
                }
            }

            if (i + 1 < lines.Count)
            {
                output.Append('\n');
            }
        }
    }

    private void WritePadding(StringBuilder output, int textWidth, int cellWidth)
    {
        if (padChar == '\t')
        {
            if (tabWidth == 0)
            {
                return;
            }

            // With tab padding the column width is rounded up to whole tab stops.
            cellWidth = (cellWidth + tabWidth - 1) / tabWidth * tabWidth;
            output.Append('\t', (cellWidth - textWidth + tabWidth - 1) / tabWidth);
            return;
        }

        output.Append(padChar, cellWidth - textWidth);
    }

    private sealed record Cell(string Text, int Width);
}
