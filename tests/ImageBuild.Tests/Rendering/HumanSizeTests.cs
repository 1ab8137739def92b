using ImageBuild.Cli.Rendering;

namespace ImageBuild.Tests.Rendering;

public sealed class HumanSizeTests
{
    [Theory]
    [InlineData(0L, "0B")]
    [InlineData(1L, "1B")]
    [InlineData(999L, "999B")]
    [InlineData(1000L, "1kB")]
    [InlineData(1024L, "1.02kB")]
    [InlineData(12_345L, "12.3kB")]
    [InlineData(12_250L, "12.2kB")] // 12.25 is exact: Go rounds the tie to even
    [InlineData(12_750L, "12.8kB")]
    [InlineData(100_000L, "100kB")]
    [InlineData(999_499L, "999kB")]
    [InlineData(999_500L, "1e+03kB")] // 999.5 is exact and 9 is odd: rounds up to 1000, which %.3g writes as 1e+03
    [InlineData(999_999L, "1e+03kB")]
    [InlineData(1_000_000L, "1MB")]
    [InlineData(5_590_000L, "5.59MB")]
    [InlineData(123_456_789L, "123MB")]
    [InlineData(1_500_000_000L, "1.5GB")]
    [InlineData(1_234_567_890_123L, "1.23TB")]
    [InlineData(2_220_000_000_000_000L, "2.22PB")]
    [InlineData(long.MaxValue, "9.22EB")]
    [InlineData(-1L, "-1B")]
    public void FormatUsesThreeSignificantDigits(long bytes, string expected)
    {
        Assert.Equal(expected, HumanSize.Format(bytes));
    }

    [Theory]
    [InlineData(1000L, "1kB")]
    [InlineData(1024L, "1.024kB")]
    [InlineData(1_048_576L, "1.049MB")]
    [InlineData(3_420_000_000L, "3.42GB")]
    [InlineData(5_372_000_000_000L, "5.372TB")]
    [InlineData(9_999_600L, "10MB")]
    [InlineData(9_999_500L, "9.999MB")] // 9999.5 / 1000 is just below 9.9995 as a double
    [InlineData(999_950L, "1000kB")]
    [InlineData(999_999L, "1000kB")]
    public void PrecisionFourIsGoUnitsHumanSize(long bytes, string expected)
    {
        Assert.Equal(expected, HumanSize.Format(bytes, 4));
    }

    [Theory]
    [InlineData(500L, 1000L, "500B (50%)")]
    [InlineData(1L, 3L, "1B (33%)")]
    [InlineData(0L, 0L, "0B")]
    public void ReclaimableAddsAWholePercentage(long reclaimable, long total, string expected)
    {
        Assert.Equal(expected, HumanSize.FormatReclaimable(reclaimable, total));
    }
}
