using System.Globalization;
using System.Text;

namespace ImageBuild.Templates.Values;

/// <summary>The standard library types docker's data uses: time.Duration and json.Number (time.Time is <see cref="GoTime"/>).</summary>
public static class GoStandardTypes
{
    /// <summary>time.Duration: an int64 of nanoseconds that prints as <c>1m30s</c>.</summary>
    public static GoType Duration { get; } = GoType.Named("time.Duration", GoKind.Int64,
        methods: [new GoMethod("String", [], GoType.String, (v, _) => GoValue.Of(FormatDuration(((GoInt)v).Value)))],
        stringer: v => FormatDuration(((GoInt)v).Value));

    /// <summary>encoding/json's Number: a string kind holding a JSON number's text, which JSON writes bare.</summary>
    public static GoType JsonNumber { get; } = GoType.Named("json.Number", GoKind.String,
        methods: [new GoMethod("String", [], GoType.String, (v, _) => GoValue.Of(((GoString)v).Value))],
        stringer: v => ((GoString)v).Value,
        jsonMarshaler: (v, _) => ((GoString)v).Value);

    /// <summary>time.Duration.String.</summary>
    public static string FormatDuration(long nanoseconds)
    {
        var u = nanoseconds < 0 ? (ulong)(-nanoseconds) : (ulong)nanoseconds;
        var text = new StringBuilder();
        if (u < 1_000_000_000)
        {
            if (u == 0)
            {
                return "0s";
            }

            var (unit, precision) = u < 1_000 ? ("ns", 0) : u < 1_000_000 ? ("µs", 3) : ("ms", 6);
            var (fraction, whole) = Fraction(u, precision);
            text.Append(whole.ToString(CultureInfo.InvariantCulture)).Append(fraction).Append(unit);
        }
        else
        {
            var (fraction, seconds) = Fraction(u, 9);
            var minutes = seconds / 60;
            var hours = minutes / 60;
            if (hours > 0)
            {
                text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
            }

            if (minutes > 0)
            {
                text.Append((minutes % 60).ToString(CultureInfo.InvariantCulture)).Append('m');
            }

            text.Append((seconds % 60).ToString(CultureInfo.InvariantCulture)).Append(fraction).Append('s');
        }

        return nanoseconds < 0 ? "-" + text : text.ToString();
    }

    /// <summary>The fraction of value/10^precision without trailing zeros (".5", or "" when whole), and the whole part.</summary>
    private static (string Fraction, ulong Whole) Fraction(ulong value, int precision)
    {
        var digits = new char[precision];
        for (var i = precision - 1; i >= 0; i--)
        {
            digits[i] = (char)('0' + (int)(value % 10));
            value /= 10;
        }

        var fraction = new string(digits).TrimEnd('0');
        return (fraction.Length == 0 ? string.Empty : "." + fraction, value);
    }
}
