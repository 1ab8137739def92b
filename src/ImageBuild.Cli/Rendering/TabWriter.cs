using System.Text;

namespace ImageBuild.Cli.Rendering;

/// <summary>
/// Go's text/tabwriter (elastic tabstops) as docker's fork of it uses it: cells end with '\t', the text after a
/// line's last tab is not aligned, a column block is a run of consecutive lines that have that cell, its width is
/// the widest cell plus padding (at least minWidth), and cell width counts display columns (wide characters two).
/// </summary>
public sealed class TabWriter
{
    private readonly int _minWidth;
    private readonly int _tabWidth;
    private readonly int _padding;
    private readonly char _padChar;
    private readonly List<List<Cell>> _lines = [[]];
    private readonly StringBuilder _cell = new();
    private readonly List<int> _widths = [];

    public TabWriter(int minWidth, int tabWidth, int padding, char padChar)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minWidth);
        ArgumentOutOfRangeException.ThrowIfNegative(tabWidth);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        _minWidth = minWidth;
        _tabWidth = tabWidth;
        _padding = padding;
        _padChar = padChar;
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
                    _lines.Add([]);
                    break;
                default:
                    _cell.Append(c);
                    break;
            }
        }
    }

    /// <summary>Formats everything written so far, writes it, and starts over.</summary>
    public void Flush(TextWriter output)
    {
        if (_cell.Length > 0)
        {
            TerminateCell();
        }

        var text = new StringBuilder();
        Format(text, 0, _lines.Count);
        output.Write(text.ToString());
        _lines.Clear();
        _lines.Add([]);
        _widths.Clear();
    }

    public string Flush()
    {
        using var output = new StringWriter();
        Flush(output);
        return output.ToString();
    }

    private void TerminateCell()
    {
        var text = _cell.ToString();
        _lines[^1].Add(new Cell(text, DisplayWidth.OfText(text)));
        _cell.Clear();
    }

    private void Format(StringBuilder output, int line0, int line1)
    {
        var column = _widths.Count;
        for (var current = line0; current < line1; current++)
        {
            if (column >= _lines[current].Count - 1)
            {
                continue;
            }

            // This line has a cell in this column: it starts a block of lines that all do.
            WriteLines(output, line0, current);
            line0 = current;
            var width = _minWidth;
            for (; current < line1 && column < _lines[current].Count - 1; current++)
            {
                width = Math.Max(width, _lines[current][column].Width + _padding);
            }

            _widths.Add(width);
            Format(output, line0, current);
            _widths.RemoveAt(_widths.Count - 1);
            line0 = current;
        }

        WriteLines(output, line0, line1);
    }

    private void WriteLines(StringBuilder output, int line0, int line1)
    {
        for (var i = line0; i < line1; i++)
        {
            var line = _lines[i];
            for (var j = 0; j < line.Count; j++)
            {
                var cell = line[j];
                output.Append(cell.Text);
                if (j < _widths.Count)
                {
                    WritePadding(output, cell.Width, _widths[j]);
                }
            }

            if (i + 1 < _lines.Count)
            {
                output.Append('\n');
            }
        }
    }

    private void WritePadding(StringBuilder output, int textWidth, int cellWidth)
    {
        if (_padChar == '\t')
        {
            if (_tabWidth == 0)
            {
                return;
            }

            // With tab padding the column width is rounded up to whole tab stops.
            cellWidth = (cellWidth + _tabWidth - 1) / _tabWidth * _tabWidth;
            output.Append('\t', (cellWidth - textWidth + _tabWidth - 1) / _tabWidth);
            return;
        }

        output.Append(_padChar, cellWidth - textWidth);
    }

    private sealed record Cell(string Text, int Width);
}
