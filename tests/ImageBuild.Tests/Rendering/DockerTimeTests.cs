using ImageBuild.Cli.Rendering;

namespace ImageBuild.Tests.Rendering;

public sealed class DockerTimeTests
{
    private static readonly DateTimeOffset Utc = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void CreatedAtInUtc()
    {
        Assert.Equal("2024-01-02 03:04:05 +0000 UTC", DockerTime.FormatCreatedAt(Utc));
    }

    [Fact]
    public void CreatedAtShowsTheOffsetTwiceWithoutAZoneNameAsGoDoes()
    {
        Assert.Equal("2024-01-01 20:04:05 -0700 -0700", DockerTime.FormatCreatedAt(Utc.ToOffset(TimeSpan.FromHours(-7))));
        Assert.Equal("2024-01-02 08:34:05 +0530 +0530", DockerTime.FormatCreatedAt(Utc.ToOffset(new TimeSpan(5, 30, 0))));
    }

    [Fact]
    public void CreatedAtHasWholeSecondsAsDockerKeepsUnixSeconds()
    {
        Assert.Equal("2024-01-02 03:04:05 +0000 UTC", DockerTime.FormatCreatedAt(Utc.AddMilliseconds(500)));
        Assert.Equal("2024-01-02 03:04:05 +0000 UTC", DockerTime.FormatCreatedAt(Utc.AddTicks(123)));
    }

    [Fact]
    public void Rfc3339()
    {
        Assert.Equal("2024-01-02T03:04:05Z", DockerTime.FormatRfc3339(Utc));
        Assert.Equal("2024-01-02T04:04:05+01:00", DockerTime.FormatRfc3339(Utc.ToOffset(TimeSpan.FromHours(1))));
    }
}
