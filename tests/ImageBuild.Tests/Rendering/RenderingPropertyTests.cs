using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using ImageBuild.Cli.Rendering;

namespace ImageBuild.Tests.Rendering;

public sealed class RenderingPropertyTests
{
    private static readonly Gen<double> FiniteDouble = Gen.Double.Where(double.IsFinite);

    [Fact]
    public void SeventeenSignificantDigitsRoundTrip()
    {
        FiniteDouble.Sample(value =>
            double.Parse(GoFloat.FormatG(value, 17), CultureInfo.InvariantCulture) == value);
    }

    [Fact]
    public void PercentGDigitsAgreeWithDotNetExactFormatting()
    {
        // .NET's "E" formatting is exact too; the two may only differ on exact ties, which need the shortest form
        // to have no more than precision + 1 digits, so those values are left out.
        Gen.Select(FiniteDouble, Gen.Int[1, 15]).Sample((value, precision) =>
        {
            var shortest = Digits(value.ToString("R", CultureInfo.InvariantCulture)).Split('@')[0];
            if (value == 0 || shortest.Length <= precision + 1)
            {
                return true;
            }

            var expected = Digits(value.ToString("E" + (precision - 1), CultureInfo.InvariantCulture));
            return Digits(GoFloat.FormatG(value, precision)) == expected;
        });
    }

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

    [Fact]
    public void JsonFunctionMatchesSystemTextJsonForPlainData()
    {
        var key = Gen.String[Gen.Char.AlphaNumeric, 1, 8];
        var scalar = Gen.OneOf<JsonNode?>(
            Gen.String[Gen.Char.AlphaNumeric, 0, 10].Select(text => (JsonNode?)JsonValue.Create(text)),
            Gen.Long.Select(number => (JsonNode?)JsonValue.Create(number)),
            Gen.Bool.Select(flag => (JsonNode?)JsonValue.Create(flag)),
            Gen.Const((JsonNode?)null));
        var obj = Gen.Dictionary(key, scalar)[0, 6].Select(members => new JsonObject(members!));
        obj.Sample(value =>
            GoTemplate.Parse("{{json .}}").Execute(value) == value.ToJsonString());
    }

    /// <summary>A number's significant digits and decimal point position, whatever notation it is written in.</summary>
    private static string Digits(string formatted)
    {
        var parts = formatted.TrimStart('-').Split('e', 'E');
        var exponent = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        var dot = parts[0].IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot < 0 ? parts[0].Length : dot;
        var all = parts[0].Replace(".", string.Empty, StringComparison.Ordinal);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        return $"{all.Trim('0')}@{integerDigits - leadingZeros + exponent}";
    }
}
