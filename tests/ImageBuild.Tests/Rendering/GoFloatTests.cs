using ImageBuild.Cli.Rendering;

namespace ImageBuild.Tests.Rendering;

public sealed class GoFloatTests
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
        Assert.Equal(expected, GoFloat.FormatG(value, precision));
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
        Assert.Equal(expected, GoFloat.FormatShortest(value));
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
        Assert.Equal(expected, GoFloat.FormatJson(value));
    }
}
