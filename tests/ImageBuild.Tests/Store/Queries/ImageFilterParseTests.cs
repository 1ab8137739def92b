using ImageBuild.Errors;
using ImageBuild.Store.Queries;

namespace ImageBuild.Tests.Store.Queries;

public sealed class ImageFilterParseTests
{
    [Fact]
    public void Unknown_key_lists_the_valid_keys()
    {
        var ex = Assert.Throws<InvalidInputException>(() => ImageFilter.Parse(["foo=bar"]));
        Assert.Equal("invalid filter 'foo': valid filters are before, dangling, label, reference, since, until", ex.Message);
    }

    [Fact]
    public void A_value_without_equals_is_refused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => ImageFilter.Parse(["dangling"]));
        Assert.Contains("expected name=value", ex.Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("FALSE", false)]
    [InlineData("0", false)]
    public void Dangling_takes_booleans(string value, bool expected) =>
        Assert.Equal(expected, ImageFilter.Parse([$"dangling={value}"]).Dangling);

    [Fact]
    public void Dangling_refuses_other_values_and_contradictions()
    {
        Assert.Contains("dangling=maybe", Assert.Throws<InvalidInputException>(() => ImageFilter.Parse(["dangling=maybe"])).Message);
        Assert.Throws<InvalidInputException>(() => ImageFilter.Parse(["dangling=true", "dangling=false"]));
        Assert.True(ImageFilter.Parse(["dangling=true", "dangling=1"]).Dangling);
    }

    [Fact]
    public void Keys_are_trimmed_and_case_insensitive_and_collect_every_value()
    {
        var filter = ImageFilter.Parse([" LABEL =a", "label=b=c", "reference=alpine", "reference=*:latest", "before=x", "since=y"]);
        Assert.Equal([new LabelCondition("a", null), new LabelCondition("b", "c")], filter.Labels);
        Assert.Equal(["alpine", "*:latest"], filter.References.Select(r => r.Pattern));
        Assert.Equal(["x"], filter.Before);
        Assert.Equal(["y"], filter.Since);
    }

    [Fact]
    public void Malformed_reference_pattern_and_empty_label_key_are_refused()
    {
        Assert.Throws<InvalidInputException>(() => ImageFilter.Parse(["reference=[a"]));
        Assert.Throws<InvalidInputException>(() => ImageFilter.Parse(["label="]));
    }

    [Theory]
    [InlineData("24h", 24 * 60)]
    [InlineData("1h30m", 90)]
    [InlineData("1.5h", 90)]
    [InlineData("90s", 1.5)]
    [InlineData("-1h", -60)]
    public void Until_takes_go_durations(string value, double minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), ImageFilter.Parse([$"until={value}"]).Until[0].Ago);

    [Theory]
    [InlineData("2024-01-02T03:04:05Z", "2024-01-02T03:04:05.0000000+00:00")]
    [InlineData("2024-01-02T03:04:05.123456789Z", "2024-01-02T03:04:05.1234567+00:00")]
    [InlineData("2024-01-02T05:04:05+02:00", "2024-01-02T03:04:05.0000000+00:00")]
    [InlineData("1704164645", "2024-01-02T03:04:05.0000000+00:00")]
    [InlineData("1704164645.5", "2024-01-02T03:04:05.5000000+00:00")]
    public void Until_takes_timestamps_and_unix_seconds(string value, string expected)
    {
        var moment = ImageFilter.Parse([$"until={value}"]).Until[0].Resolve(DateTimeOffset.UnixEpoch);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), moment);
    }

    [Fact]
    public void Until_duration_counts_back_from_now()
    {
        var now = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(now.AddHours(-24), ImageFilter.Parse(["until=24h"]).Until[0].Resolve(now));
    }

    [Fact]
    public void Until_without_zone_is_local_time()
    {
        var moment = ImageFilter.Parse(["until=2024-01-02T03:04:05"]).Until[0].Absolute!.Value;
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Local), moment.LocalDateTime);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("1x")]
    [InlineData("2024-13-45")]
    [InlineData("")]
    public void Until_refuses_what_is_no_time(string value) =>
        Assert.Throws<InvalidInputException>(() => ImageFilter.Parse([$"until={value}"]));

    [Theory]
    [InlineData("0", 0)]
    [InlineData("300ms", 0.3)]
    [InlineData("2h45m30s", 9930)]
    [InlineData("1us", 0.000001)]
    public void Go_durations_parse(string text, double seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("h")]
    [InlineData("5")]
    [InlineData("1d")]
    [InlineData("-")]
    public void Go_durations_refuse_malformed_text(string text) => Assert.False(GoDuration.TryParse(text, out _));
}
