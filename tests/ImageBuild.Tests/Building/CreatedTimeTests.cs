using ImageBuild.Building;
using ImageBuild.Errors;

namespace ImageBuild.Tests.Building;

public class CreatedTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 20, 30, 456, TimeSpan.Zero);

    private static DateTimeOffset Resolve(string? value, string? sourceDateEpoch = null) =>
        CreatedTime.Resolve(value, name => name == "SOURCE_DATE_EPOCH" ? sourceDateEpoch : null, new FixedTime(Now));

    [Fact]
    public void Default_is_the_epoch_so_digests_repeat() => Assert.Equal(DateTimeOffset.UnixEpoch, Resolve(null));

    [Fact]
    public void Default_follows_source_date_epoch() =>
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), Resolve(null, "1700000000"));

    [Fact]
    public void Now_is_whole_seconds() => Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 20, 30, TimeSpan.Zero), Resolve("now"));

    [Theory]
    [InlineData("2024-05-01T12:00:00Z", "2024-05-01T12:00:00+00:00")]
    [InlineData("2024-05-01T14:00:00+02:00", "2024-05-01T12:00:00+00:00")]
    [InlineData("1714564800", "2024-05-01T12:00:00+00:00")]
    public void Explicit_times_are_read_as_utc(string value, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Resolve(value));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("99999999999999999999")]
    public void Bad_values_say_what_is_accepted(string value)
    {
        var ex = Assert.Throws<InvalidInputException>(() => Resolve(value));
        Assert.Contains(value, ex.Message);
    }

    [Fact]
    public void A_bad_source_date_epoch_is_named() =>
        Assert.Contains("SOURCE_DATE_EPOCH", Assert.Throws<InvalidInputException>(() => Resolve(null, "soon")).Message);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
