using System.Globalization;

namespace ImageBuild.Cli.Rendering;

/// <summary>docker's durations (go-units HumanDuration): "Less than a second", "About a minute", "3 hours", "2 weeks".</summary>
internal static class HumanDuration
{
    private const long NanosecondsPerSecond = 1_000_000_000;
    private const long NanosecondsPerMinute = 60 * NanosecondsPerSecond;
    private const long NanosecondsPerHour = 60 * NanosecondsPerMinute;

    public static string Format(TimeSpan duration)
    {
        // Go works on nanosecond Durations and converts to float seconds/minutes/hours before truncating; the same
        // arithmetic keeps every threshold where Go has it.
        var nanoseconds = duration.Ticks * 100;
        var seconds = (long)InUnit(nanoseconds, NanosecondsPerSecond);
        if (seconds < 1)
        {
            return "Less than a second";
        }

        if (seconds == 1)
        {
            return "1 second";
        }

        if (seconds < 60)
        {
            return Count(seconds, "seconds");
        }

        var minutes = (long)InUnit(nanoseconds, NanosecondsPerMinute);
        if (minutes == 1)
        {
            return "About a minute";
        }

        if (minutes < 60)
        {
            return Count(minutes, "minutes");
        }

        var hours = (long)(InUnit(nanoseconds, NanosecondsPerHour) + 0.5);
        if (hours == 1)
        {
            return "About an hour";
        }

        return hours switch
        {
            < 48 => Count(hours, "hours"),
            < 24 * 7 * 2 => Count(hours / 24, "days"),
            < 24 * 30 * 2 => Count(hours / 24 / 7, "weeks"),
            < 24 * 365 * 2 => Count(hours / 24 / 30, "months"),
            _ => Count((long)InUnit(nanoseconds, NanosecondsPerHour) / 24 / 365, "years"),
        };
    }

    /// <summary>The CREATED column: "2 hours ago", measured from <paramref name="now"/>.</summary>
    public static string Ago(DateTimeOffset created, DateTimeOffset now) => Format(now - created) + " ago";

    /// <summary>Go's Duration.Seconds/Minutes/Hours: whole units plus the remainder as a fraction.</summary>
    private static double InUnit(long nanoseconds, long unit) =>
        (nanoseconds / unit) + ((double)(nanoseconds % unit) / unit);

    private static string Count(long value, string unit) => string.Create(CultureInfo.InvariantCulture, $"{value} {unit}");
}
