using System.Globalization;
using System.Text.RegularExpressions;
using ImageBuild.Errors;

namespace ImageBuild.Store.Queries;

/// <summary>
/// A moment given to an <c>until=</c> filter, in the forms docker accepts (its timetypes.GetTimestamp): a Go
/// duration before now (<c>24h</c>, <c>1h30m</c>), an RFC 3339 timestamp or date (without a zone it is local
/// time), or Unix seconds, possibly fractional.
/// </summary>
public sealed partial record FilterTime
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HHK",
        "yyyy-MM-ddK",
    ];

    private FilterTime(DateTimeOffset? absolute, TimeSpan? ago)
    {
        Absolute = absolute;
        Ago = ago;
    }

    /// <summary>A fixed moment, or null when the value was a duration.</summary>
    public DateTimeOffset? Absolute { get; }

    /// <summary>How long before now, or null when the value was a moment.</summary>
    public TimeSpan? Ago { get; }

    public static FilterTime Parse(string value, string filterName = "until")
    {
        if (value != "0" && GoDuration.TryParse(value, out var duration))
        {
            return new FilterTime(null, duration);
        }

        if (value.Contains('-'))
        {
            // Go reads up to nine fraction digits; .NET up to seven, which is all a tick holds.
            var trimmed = LongFraction().Replace(value, m => m.Value[..8]);
            if (DateTimeOffset.TryParseExact(trimmed, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var moment))
            {
                return new FilterTime(moment, null);
            }

            throw Invalid(value, filterName);
        }

        if (decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            var whole = (long)decimal.Truncate(seconds);
            var ticks = (long)((seconds - whole) * TimeSpan.TicksPerSecond);
            return new FilterTime(DateTimeOffset.FromUnixTimeSeconds(whole).AddTicks(ticks), null);
        }

        throw Invalid(value, filterName);
    }

    public DateTimeOffset Resolve(DateTimeOffset now) => Absolute ?? now - Ago!.Value;

    private static InvalidInputException Invalid(string value, string filterName) =>
        new($"invalid filter '{filterName}={value}': expected a duration (24h, 1h30m), an RFC 3339 time (2024-01-02T15:04:05Z) or Unix seconds");

    [GeneratedRegex(@"(?<=:\d\d)\.\d{8,}")]
    private static partial Regex LongFraction();
}
