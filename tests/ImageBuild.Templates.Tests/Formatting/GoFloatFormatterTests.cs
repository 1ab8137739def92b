using System.Globalization;
using CsCheck;
using ImageBuild.Templates.Formatting;

namespace ImageBuild.Templates.Tests.Formatting;

public sealed class GoFloatFormatterTests
{
    [Theory]
    [InlineData(0.0, 3, "0")]
    [InlineData(1.5, 3, "1.5")]
    [InlineData(100.0, 3, "100")]
    [InlineData(1000.0, 3, "1e+03")]
    [InlineData(123456.0, 3, "1.23e+05")]
    [InlineData(0.0001234, 3, "0.000123")]
    [InlineData(0.00001234, 3, "1.23e-05")]
    [InlineData(2.675, 3, "2.67")] // 2.675 is really 2.67499999...
    [InlineData(0.125, 2, "0.12")] // exact tie, rounds to even
    [InlineData(0.375, 2, "0.38")]
    [InlineData(-1.25, 2, "-1.2")]
    [InlineData(1e100, 3, "1e+100")]
    [InlineData(5e-324, 3, "4.94e-324")]
    public void FormatGMatchesGoPercentG(double value, int precision, string expected)
    {
        Assert.Equal(expected, GoFloatFormatter.FormatG(value, precision));
    }

    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(100000.0, "100000")]
    [InlineData(1000000.0, "1e+06")]
    [InlineData(123456789.0, "1.23456789e+08")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    public void ShortestMatchesGoPercentV(double value, string expected)
    {
        Assert.Equal(expected, GoFloatFormatter.FormatShortest(value));
    }

    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-10, "1.5e-10")]
    public void JsonMatchesEncodingJson(double value, string expected)
    {
        Assert.Equal(expected, GoFloatFormatter.FormatJson(value));
    }

    [Theory]
    [InlineData(3.14159, 'f', 2, "3.14")]
    [InlineData(2.5, 'f', 0, "2")]
    [InlineData(3.5, 'f', 0, "4")]
    [InlineData(0.05, 'f', 0, "0")]
    [InlineData(1234.5678, 'e', 6, "1.234568e+03")]
    [InlineData(1234.5678, 'E', 2, "1.23E+03")]
    [InlineData(0.0, 'e', -1, "0e+00")]
    [InlineData(1e100, 'e', -1, "1e+100")]
    [InlineData(-0.0, 'g', -1, "-0")]
    [InlineData(1.0, 'b', -1, "4503599627370496p-52")]
    [InlineData(1.0, 'x', -1, "0x1p+00")]
    [InlineData(3.0, 'x', -1, "0x1.8p+01")]
    [InlineData(3.0, 'X', 3, "0X1.800P+01")]
    [InlineData(double.PositiveInfinity, 'g', -1, "+Inf")]
    [InlineData(double.NaN, 'f', 2, "NaN")]
    public void EveryVerbFormatsAsStrconvDoes(double value, char format, int precision, string expected)
    {
        Assert.Equal(expected, GoFloatFormatter.Format(value, format, precision));
    }

    [Fact]
    public void SeventeenSignificantDigitsRoundTrip()
    {
        Gen.Double.Where(double.IsFinite).Sample(value =>
            double.Parse(GoFloatFormatter.FormatG(value, 17), CultureInfo.InvariantCulture) == value);
    }

    [Fact]
    public void FixedPrecisionAgreesWithDotNetExactFormattingAwayFromTies()
    {
        // .NET's "F" formatting is exact too; the two may differ only on exact ties, which need few digits.
        Gen.Select(Gen.Double[-1e15, 1e15], Gen.Int[0, 10]).Sample((value, precision) =>
        {
            var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
            var decimals = shortest.Contains('.', StringComparison.Ordinal) ? shortest.Length - shortest.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
            if (decimals <= precision + 1 || shortest.Contains('E', StringComparison.Ordinal))
            {
                return true;
            }

            return GoFloatFormatter.Format(value, 'f', precision) == value.ToString("F" + precision, CultureInfo.InvariantCulture);
        });
    }
}
