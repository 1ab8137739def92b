using System.Globalization;
using ImageBuild.Templates.Values;

namespace ImageBuild.Cli.Rendering;

/// <summary>Timestamps in the layouts docker's image commands print.</summary>
internal static class DockerTime
{
    /// <summary>
    /// docker's CreatedAt column: Go's time.Time.String() of the creation time in whole seconds (docker keeps image
    /// times as Unix seconds), "2024-01-02 03:04:05 +0000 UTC".
    /// </summary>
    public static string FormatCreatedAt(DateTimeOffset value) =>
        new GoTime(value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond)), 0).ToGoString();

    /// <summary>RFC 3339 in seconds, as history prints CREATED with --human=false: "2024-01-02T03:04:05Z".</summary>
    public static string FormatRfc3339(DateTimeOffset value)
    {
        var seconds = value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return value.Offset == TimeSpan.Zero ? seconds + "Z" : seconds + value.ToString("zzz", CultureInfo.InvariantCulture);
    }
}
