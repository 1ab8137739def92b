using ImageBuild.Cli.Rendering;

namespace ImageBuild.Tests.Rendering;

public sealed class HumanDurationTests
{
    private const long Second = 1000;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;

    [Theory]
    [InlineData(-5 * Second, "Less than a second")]
    [InlineData(0L, "Less than a second")]
    [InlineData(999L, "Less than a second")]
    [InlineData(Second, "1 second")]
    [InlineData(Second + 999, "1 second")]
    [InlineData(2 * Second, "2 seconds")]
    [InlineData(59 * Second + 999, "59 seconds")]
    [InlineData(Minute, "About a minute")]
    [InlineData(2 * Minute - 1, "About a minute")]
    [InlineData(2 * Minute, "2 minutes")]
    [InlineData(Hour - 1, "59 minutes")]
    [InlineData(Hour, "About an hour")]
    [InlineData(90 * Minute - 1, "About an hour")] // hours are rounded: 1.4999 + 0.5
    [InlineData(90 * Minute, "2 hours")]
    [InlineData(47 * Hour + 29 * Minute, "47 hours")]
    [InlineData(47 * Hour + 30 * Minute, "2 days")]
    [InlineData(13 * Day + 23 * Hour + 29 * Minute, "13 days")]
    [InlineData(13 * Day + 23 * Hour + 30 * Minute, "2 weeks")]
    [InlineData(59 * Day + 23 * Hour, "8 weeks")]
    [InlineData(60 * Day, "2 months")]
    [InlineData(729 * Day, "24 months")]
    [InlineData(730 * Day, "2 years")]
    [InlineData(3650 * Day, "10 years")]
    public void FormatUsesGoUnitsThresholds(long milliseconds, string expected)
    {
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void AgoMeasuresFromNow()
    {
        var now = new DateTimeOffset(2024, 5, 6, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal("2 hours ago", HumanDuration.Ago(now.AddHours(-2), now));
        Assert.Equal("54 years ago", HumanDuration.Ago(DateTimeOffset.UnixEpoch, now));
    }
}
