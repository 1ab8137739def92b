using System.Globalization;
using System.Text;

namespace ImageBuild.Cli.Rendering;

/// <summary>Timestamps in the layouts docker's image commands print.</summary>
internal static class DockerTime
{
    /// <summary>
    /// Go's time.Time.String() as docker's CreatedAt column prints it: "2024-01-02 03:04:05 +0000 UTC", with
    /// fractional seconds only when present. Without a zone abbreviation Go prints the offset twice
    /// ("+0100 +0100"), except that a zero offset is shown as UTC.
    /// </summary>
    public static string FormatCreatedAt(DateTimeOffset value, string? zoneAbbreviation = null)
    {
        var text = new StringBuilder(value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        var fraction = value.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            text.Append('.').Append((fraction * 100).ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }

        var offset = Offset(value.Offset);
        var zone = zoneAbbreviation ?? (value.Offset == TimeSpan.Zero ? "UTC" : offset);
        return text.Append(' ').Append(offset).Append(' ').Append(zone).ToString();
    }

    /// <summary>RFC 3339 in seconds, as history prints CREATED with --human=false: "2024-01-02T03:04:05Z".</summary>
    public static string FormatRfc3339(DateTimeOffset value)
    {
        var seconds = value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return value.Offset == TimeSpan.Zero ? seconds + "Z" : seconds + value.ToString("zzz", CultureInfo.InvariantCulture);
    }

    private static string Offset(TimeSpan offset)
    {
        var minutes = (int)offset.TotalMinutes;
        var sign = minutes < 0 ? '-' : '+';
        minutes = Math.Abs(minutes);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{minutes / 60:00}{minutes % 60:00}");
    }
}
