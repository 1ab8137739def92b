using System.Globalization;
using System.Numerics;
using System.Text;

namespace ImageBuild.Templates.Formatting;

/// <summary>
/// Go's strconv.FormatFloat for float64 ('e', 'E', 'f', 'F', 'g', 'G', 'b', 'x', 'X'; precision -1 is the shortest
/// text that reads back the same) and encoding/json's float text. docker's output (sizes such as "1e+03kB",
/// template values) depends on Go's exact digits, so rounding is done on the exact decimal value, half to even.
/// </summary>
public static class GoFloatFormatter
{
    /// <summary>strconv.FormatFloat(value, format, precision, 64).</summary>
    public static string Format(double value, char format, int precision)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        var negative = double.IsNegative(value);
        switch (format)
        {
            case 'b':
                return FormatBinary(value, negative);
            case 'x' or 'X':
                return FormatHex(value, negative, format, precision);
        }

        var abs = Math.Abs(value);
        var shortest = precision < 0;
        string digits;
        int decimalPoint;
        if (shortest)
        {
            (digits, decimalPoint) = ShortestDigits(abs);
            precision = format switch
            {
                'e' or 'E' => digits.Length - 1,
                'f' or 'F' => Math.Max(digits.Length - decimalPoint, 0),
                _ => digits.Length,
            };
        }
        else
        {
            (digits, decimalPoint) = ExactDigits(abs);
            var keep = format switch
            {
                'e' or 'E' => precision + 1,
                'f' or 'F' => decimalPoint + precision,
                _ => precision == 0 ? 1 : precision,
            };
            if (format is 'g' or 'G' && precision == 0)
            {
                precision = 1;
            }

            (digits, decimalPoint) = Round(digits, decimalPoint, keep);
        }

        var sign = negative ? "-" : string.Empty;
        switch (format)
        {
            case 'e' or 'E':
                return sign + FormatE(digits, decimalPoint, precision, format);
            case 'f' or 'F':
                return sign + FormatF(digits, decimalPoint, precision);
            case 'g' or 'G':
                var eprec = precision;
                if (eprec > digits.Length && digits.Length >= decimalPoint)
                {
                    eprec = digits.Length;
                }

                if (shortest)
                {
                    eprec = 6;
                }

                var exponent = decimalPoint - 1;
                if (exponent < -4 || exponent >= eprec)
                {
                    if (precision > digits.Length)
                    {
                        precision = digits.Length;
                    }

                    return sign + FormatE(digits, decimalPoint, precision - 1, format == 'g' ? 'e' : 'E');
                }

                if (precision > decimalPoint)
                {
                    precision = digits.Length;
                }

                return sign + FormatF(digits, decimalPoint, Math.Max(precision - decimalPoint, 0));
            default:
                return "%" + format;
        }
    }

    /// <summary>Go's <c>%.{precision}g</c>.</summary>
    public static string FormatG(double value, int precision) => Format(value, 'g', Math.Max(precision, 1));

    /// <summary>Go's <c>%v</c> for a float64.</summary>
    public static string FormatShortest(double value) => Format(value, 'g', -1);

    /// <summary>encoding/json's float64 text: fixed notation, exponent below 1e-6 or from 1e21, "e-07" shortened to "e-7".</summary>
    public static string FormatJson(double value)
    {
        var abs = Math.Abs(value);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var text = Format(value, 'e', -1);
            var n = text.Length;
            return n >= 4 && text[n - 4] == 'e' && text[n - 3] == '-' && text[n - 2] == '0' ? text[..(n - 2)] + text[n - 1] : text;
        }

        return Format(value, 'f', -1);
    }

    private static string FormatE(string digits, int decimalPoint, int precision, char e)
    {
        var text = new StringBuilder();
        text.Append(digits.Length == 0 ? '0' : digits[0]);
        if (precision > 0)
        {
            text.Append('.');
            for (var i = 1; i <= precision; i++)
            {
                text.Append(i < digits.Length ? digits[i] : '0');
            }
        }

        var exponent = digits.Length == 0 ? 0 : decimalPoint - 1;
        text.Append(e).Append(exponent < 0 ? '-' : '+');
        exponent = Math.Abs(exponent);
        text.Append(exponent < 10 ? "0" + exponent.ToString(CultureInfo.InvariantCulture) : exponent.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private static string FormatF(string digits, int decimalPoint, int precision)
    {
        var text = new StringBuilder();
        if (decimalPoint > 0)
        {
            for (var i = 0; i < decimalPoint; i++)
            {
                text.Append(i < digits.Length ? digits[i] : '0');
            }
        }
        else
        {
            text.Append('0');
        }

        if (precision > 0)
        {
            text.Append('.');
            for (var i = 0; i < precision; i++)
            {
                var j = decimalPoint + i;
                text.Append(j >= 0 && j < digits.Length ? digits[j] : '0');
            }
        }

        return text.ToString();
    }

    /// <summary>The digits of the exact decimal value of a double (no trailing zeros) and where the point goes.</summary>
    private static (string Digits, int DecimalPoint) ExactDigits(double abs)
    {
        if (abs == 0)
        {
            return (string.Empty, 0);
        }

        var (mantissa, exponent) = Decompose(abs);
        string digits;
        int decimalPoint;
        if (exponent >= 0)
        {
            digits = (new BigInteger(mantissa) << exponent).ToString(CultureInfo.InvariantCulture);
            decimalPoint = digits.Length;
        }
        else
        {
            digits = (new BigInteger(mantissa) * BigInteger.Pow(5, -exponent)).ToString(CultureInfo.InvariantCulture);
            decimalPoint = digits.Length + exponent;
        }

        var trimmed = digits.TrimEnd('0');
        return (trimmed, decimalPoint);
    }

    /// <summary>Go's decimal.Round(keep): half to even on an exact tie, never rounding up to a first digit at a tie.</summary>
    private static (string Digits, int DecimalPoint) Round(string digits, int decimalPoint, int keep)
    {
        if (keep < 0 || keep >= digits.Length)
        {
            return keep < 0 ? (string.Empty, decimalPoint) : (digits, decimalPoint);
        }

        bool roundUp;
        if (digits[keep] == '5' && keep + 1 == digits.Length)
        {
            roundUp = keep > 0 && (digits[keep - 1] - '0') % 2 == 1;
        }
        else
        {
            roundUp = digits[keep] >= '5';
        }

        var kept = digits[..keep].ToCharArray();
        if (roundUp)
        {
            var i = keep - 1;
            while (i >= 0 && kept[i] == '9')
            {
                i--;
            }

            if (i < 0)
            {
                return ("1", decimalPoint + 1);
            }

            kept[i]++;
            return (new string(kept, 0, i + 1), decimalPoint);
        }

        return (new string(kept).TrimEnd('0'), decimalPoint);
    }

    private static (string Digits, int DecimalPoint) ShortestDigits(double abs)
    {
        if (abs == 0)
        {
            return (string.Empty, 0);
        }

        // .NET's "R" is the shortest text that round-trips, choosing the closest when several are as short, as Go does.
        var text = abs.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot < 0 ? text.Length : dot;
        var all = text.Replace(".", string.Empty, StringComparison.Ordinal);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        return (all.Trim('0'), integerDigits - leadingZeros + exponent);
    }

    /// <summary>mantissa * 2^exponent = abs, with the mantissa's implicit bit set for normal numbers.</summary>
    private static (long Mantissa, int Exponent) Decompose(double abs)
    {
        var bits = BitConverter.DoubleToInt64Bits(abs);
        var biased = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        return biased == 0 ? (mantissa, -1074) : (mantissa | (1L << 52), biased - 1075);
    }

    /// <summary>strconv's 'b' format: decimal mantissa, 'p', binary exponent.</summary>
    private static string FormatBinary(double value, bool negative)
    {
        var (mantissa, exponent) = Decompose(Math.Abs(value));
        return string.Create(CultureInfo.InvariantCulture, $"{(negative ? "-" : string.Empty)}{mantissa}p{(exponent >= 0 ? "+" : string.Empty)}{exponent}");
    }

    /// <summary>strconv's 'x' format: -0x1.8p+01 style hexadecimal mantissa and binary exponent.</summary>
    private static string FormatHex(double value, bool negative, char format, int precision)
    {
        var (signedMantissa, exponent) = Decompose(Math.Abs(value));
        var mantissa = (ulong)signedMantissa;
        exponent += 52;
        if (mantissa == 0)
        {
            exponent = 0;
        }

        mantissa <<= 60 - 52;
        while (mantissa != 0 && (mantissa & (1UL << 60)) == 0)
        {
            mantissa <<= 1;
            exponent--;
        }

        if (precision is >= 0 and < 15)
        {
            var shift = precision * 4;
            var extra = (mantissa << shift) & ((1UL << 60) - 1);
            mantissa >>= 60 - shift;
            if ((extra | (mantissa & 1)) > (1UL << 59))
            {
                mantissa++;
            }

            mantissa <<= 60 - shift;
            if ((mantissa & (1UL << 61)) != 0)
            {
                mantissa >>= 1;
                exponent++;
            }
        }

        var hex = format == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        var text = new StringBuilder();
        if (negative)
        {
            text.Append('-');
        }

        text.Append('0').Append(format).Append((char)('0' + (int)((mantissa >> 60) & 1)));
        mantissa <<= 4;
        if (precision < 0 && mantissa != 0)
        {
            text.Append('.');
            while (mantissa != 0)
            {
                text.Append(hex[(int)((mantissa >> 60) & 15)]);
                mantissa <<= 4;
            }
        }
        else if (precision > 0)
        {
            text.Append('.');
            for (var i = 0; i < precision; i++)
            {
                text.Append(hex[(int)((mantissa >> 60) & 15)]);
                mantissa <<= 4;
            }
        }

        text.Append(format == 'X' ? 'P' : 'p').Append(exponent < 0 ? '-' : '+');
        text.Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        return text.ToString();
    }
}
