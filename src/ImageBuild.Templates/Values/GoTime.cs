using System.Globalization;
using System.Text;

namespace ImageBuild.Templates.Values;

/// <summary>
/// A Go time.Time: an instant with nanoseconds and the zone it was read in. It prints as Go's String
/// (<c>2024-01-02 03:04:05.123456789 +0000 UTC</c>), as %#v (<c>time.Date(...)</c>) and as JSON (RFC 3339 with
/// nanoseconds), like the time.Time fields of docker's structs.
/// </summary>
public sealed class GoTime : GoValue
{
    public GoTime(DateTimeOffset time, int nanosecond)
        : base(TimeType)
    {
        Time = time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond));
        Nanosecond = nanosecond;
    }

    /// <summary>time.Time.</summary>
    public static GoType TimeType { get; } = GoType.Struct("time.Time", [], stringer: v => ((GoTime)v).ToGoString(),
        goStringer: v => ((GoTime)v).ToGoSyntax(), jsonMarshaler: (v, _) => "\"" + ((GoTime)v).ToRfc3339Nano() + "\"");

    /// <summary>Go's zero time, 0001-01-01 00:00:00 UTC.</summary>
    public static GoTime ZeroValue { get; } = new(DateTimeOffset.MinValue, 0);

    /// <summary>The instant to the whole second, in its own offset.</summary>
    public DateTimeOffset Time { get; }

    public int Nanosecond { get; }

    public bool IsUtc => Time.Offset == TimeSpan.Zero;

    /// <summary>A time.Time for an instant (to the tick, .NET's 100 ns).</summary>
    public static GoTime From(DateTimeOffset time) =>
        new(time, (int)(time.Ticks % TimeSpan.TicksPerSecond) * 100);

    /// <summary>Parses RFC 3339 with up to nine fraction digits, as time.Time's UnmarshalJSON.</summary>
    public static bool TryParse(string text, out GoTime time)
    {
        time = ZeroValue;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var nanos = 0;
        var withoutFraction = text;
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            var digits = text[(dot + 1)..end];
            if (digits.Length is 0 or > 9)
            {
                return false;
            }

            nanos = int.Parse(digits.PadRight(9, '0'), CultureInfo.InvariantCulture);
            withoutFraction = text[..dot] + text[end..];
        }

        if (!DateTimeOffset.TryParseExact(withoutFraction, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss'Z'"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        time = new GoTime(parsed, nanos);
        return true;
    }

    /// <summary>time.Time.String: <c>2006-01-02 15:04:05.999999999 -0700 MST</c>.</summary>
    public string ToGoString()
    {
        var text = new StringBuilder(Time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        text.Append(Fraction());
        text.Append(' ').Append(Offset(Time.Offset, colon: false)).Append(' ').Append(ZoneName);
        return text.ToString();
    }

    /// <summary>RFC 3339 with nanoseconds and trailing zeros dropped, as encoding/json writes a time.Time.</summary>
    public string ToRfc3339Nano() =>
        Time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + Fraction() + (IsUtc ? "Z" : Offset(Time.Offset, colon: true));

    /// <summary>time.Time.GoString: <c>time.Date(2024, time.January, 2, 3, 4, 5, 0, time.UTC)</c>.</summary>
    public string ToGoSyntax()
    {
        var t = Time;
        var location = IsUtc ? "time.UTC" : $"time.Location(\"{ZoneName}\")";
        return string.Create(CultureInfo.InvariantCulture,
            $"time.Date({t.Year}, time.{CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(t.Month)}, {t.Day}, {t.Hour}, {t.Minute}, {t.Second}, {Nanosecond}, {location})");
    }

    /// <summary>Seconds since 1970, as Time.Unix.</summary>
    public long UnixSeconds => Time.ToUnixTimeSeconds();

    private string ZoneName => IsUtc ? "UTC" : Offset(Time.Offset, colon: false);

    private string Fraction() =>
        Nanosecond == 0 ? string.Empty : "." + Nanosecond.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');

    private static string Offset(TimeSpan offset, bool colon)
    {
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs.Hours:D2}{(colon ? ":" : string.Empty)}{abs.Minutes:D2}");
    }
}
