using System.Globalization;
using CsCheck;
using ImageBuild.Cli.Rendering;

namespace ImageBuild.Tests.Rendering;

public sealed class RenderingPropertyTests
{
    private static readonly Gen<double> FiniteDouble = Gen.Double.Where(double.IsFinite);

    [Fact]
    public void HumanSizeReadsBackWithinItsPrecision()
    {
        Gen.Long[0, long.MaxValue].Sample(bytes =>
        {
            var text = HumanSize.Format(bytes);
            var unit = text.TrimStart("0123456789.e+".ToCharArray());
            var factor = Math.Pow(1000, Array.IndexOf(["B", "kB", "MB", "GB", "TB", "PB", "EB"], unit));
            var value = double.Parse(text[..^unit.Length], CultureInfo.InvariantCulture) * factor;
            return Math.Abs(value - bytes) <= Math.Max(0.5, bytes * 0.005);
        });
    }

    [Fact]
    public void UniformTablesPadEveryColumnToItsWidestCellPlusThree()
    {
        var cell = Gen.String[Gen.Char["abcXYZ 0-9"], 0, 14];
        Gen.Select(Gen.Int[1, 5], Gen.Int[1, 6]).SelectMany((columns, lines) => cell.Array[columns].Array[lines]).Sample(table =>
        {
            var writer = TabWriter.ForDockerTable();
            foreach (var row in table)
            {
                writer.Write(string.Join('\t', row) + "\n");
            }

            // Elastic tabstops on a table whose lines all have the same cells: one block per column.
            var widths = Enumerable.Range(0, table[0].Length - 1).Select(c => Math.Max(10, table.Max(row => row[c].Length) + 3)).ToArray();
            var expected = table.Select(row => string.Concat(row.SkipLast(1).Select((text, c) => text.PadRight(widths[c]))) + row[^1] + "\n");
            return writer.Flush() == string.Concat(expected);
        });
    }
}
