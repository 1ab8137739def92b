using System.Globalization;
using ImageBuild.Errors;

namespace ImageBuild.Building;

/// <summary>
/// The creation time written into configs and history. Reproducible by default: SOURCE_DATE_EPOCH when
/// set, else the Unix epoch, so the same inputs give the same digest. "now" opts out.
/// </summary>
public static class CreatedTime
{
    /// <param name="value">null for the reproducible default, "now", an RFC 3339 time, or Unix seconds.</param>
    public static DateTimeOffset Resolve(string? value, Func<string, string?> getEnv, TimeProvider time)
    {
        if (string.IsNullOrEmpty(value))
        {
            // One reading of SOURCE_DATE_EPOCH for configs and layer entries alike.
            return Layers.LayerOptions.FromSourceDateEpoch(getEnv(Layers.LayerOptions.SourceDateEpochVariable)).Timestamp;
        }

        if (value.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            var now = time.GetUtcNow();
            return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        }

        if (value.All(char.IsAsciiDigit))
        {
            return ParseUnixSeconds(value);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.ToUniversalTime();
        }

        throw new InvalidInputException($"invalid creation time \"{value}\": use now, an RFC 3339 time such as 2024-05-01T12:00:00Z, or Unix seconds");
    }

    private static DateTimeOffset ParseUnixSeconds(string value)
    {
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
        {
            throw new InvalidInputException($"--created \"{value}\" is not a Unix time in seconds; use a whole number such as 1700000000");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
