using System.Globalization;
using System.Numerics;
using System.Text;

namespace ImageBuild.Cli.Rendering;

/// <summary>
/// Go's strconv float formatting ('g' with a precision, shortest %v, and encoding/json's choice), because docker's
/// output (sizes such as "1e+03kB", template values) depends on Go's exact digit and exponent rules.
/// </summary>
internal static class GoFloat
{
    /// <summary>Go's <c>%.{precision}g</c>: exact decimal value rounded half-to-even, trailing zeros removed.</summary>
    public static string FormatG(double value, int precision)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        precision = Math.Max(precision, 1);
        var (digits, decimalPoint) = RoundedDigits(Math.Abs(value), precision);
        var eprec = precision;
        if (eprec > digits.Length && digits.Length >= decimalPoint)
        {
            eprec = digits.Length;
        }

        return Sign(value) + FormatGeneral(digits, decimalPoint, precision, eprec);
    }

    /// <summary>Go's <c>%v</c> for a float64: shortest digits that round-trip, exponent form from 1e+06 or below 1e-04.</summary>
    public static string FormatShortest(double value)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        var (digits, decimalPoint) = ShortestDigits(Math.Abs(value));
        return Sign(value) + FormatGeneral(digits, decimalPoint, digits.Length, 6);
    }

    /// <summary>encoding/json's float64 text: fixed notation, exponent below 1e-6 or from 1e21, "e-07" shortened to "e-7".</summary>
    public static string FormatJson(double value)
    {
        var abs = Math.Abs(value);
        var (digits, decimalPoint) = ShortestDigits(abs);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var exponent = FormatExponent(digits, decimalPoint, digits.Length - 1);
            return Sign(value) + exponent.Replace("e-0", "e-", StringComparison.Ordinal);
        }

        return Sign(value) + FormatFixed(digits, decimalPoint, Math.Max(digits.Length - decimalPoint, 0));
    }

    private static string FormatGeneral(string digits, int decimalPoint, int precision, int eprec)
    {
        var exponent = decimalPoint - 1;
        if (exponent < -4 || exponent >= eprec)
        {
            return FormatExponent(digits, decimalPoint, Math.Min(precision, digits.Length) - 1);
        }

        if (precision > decimalPoint)
        {
            precision = digits.Length;
        }

        return FormatFixed(digits, decimalPoint, Math.Max(precision - decimalPoint, 0));
    }

    private static string FormatExponent(string digits, int decimalPoint, int fractionDigits)
    {
        var text = new StringBuilder();
        text.Append(digits.Length == 0 ? '0' : digits[0]);
        if (fractionDigits > 0)
        {
            text.Append('.');
            for (var i = 1; i <= fractionDigits; i++)
            {
                text.Append(i < digits.Length ? digits[i] : '0');
            }
        }

        var exponent = digits.Length == 0 ? 0 : decimalPoint - 1;
        text.Append(exponent < 0 ? "e-" : "e+");
        text.Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private static string FormatFixed(string digits, int decimalPoint, int fractionDigits)
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

        if (fractionDigits > 0)
        {
            text.Append('.');
            for (var i = 0; i < fractionDigits; i++)
            {
                var index = decimalPoint + i;
                text.Append(index >= 0 && index < digits.Length ? digits[index] : '0');
            }
        }

        return text.ToString();
    }

    /// <summary>The exact decimal expansion of a double rounded to <paramref name="precision"/> significant digits.</summary>
    private static (string Digits, int DecimalPoint) RoundedDigits(double abs, int precision)
    {
        if (abs == 0)
        {
            return (string.Empty, 0);
        }

        var bits = BitConverter.DoubleToInt64Bits(abs);
        var exponentBits = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        var binaryExponent = exponentBits == 0 ? -1074 : exponentBits - 1075;
        if (exponentBits != 0)
        {
            mantissa |= 1L << 52;
        }

        string digits;
        int decimalPoint;
        if (binaryExponent >= 0)
        {
            digits = (new BigInteger(mantissa) << binaryExponent).ToString(CultureInfo.InvariantCulture);
            decimalPoint = digits.Length;
        }
        else
        {
            digits = (new BigInteger(mantissa) * BigInteger.Pow(5, -binaryExponent)).ToString(CultureInfo.InvariantCulture);
            decimalPoint = digits.Length + binaryExponent;
        }

        var rounded = RoundHalfEven(digits, ref decimalPoint, precision);
        return (rounded.TrimEnd('0'), decimalPoint);
    }

    private static string RoundHalfEven(string digits, ref int decimalPoint, int precision)
    {
        if (digits.Length <= precision)
        {
            return digits;
        }

        var next = digits[precision];
        var roundUp = next > '5'
            || (next == '5' && (digits.AsSpan(precision + 1).ContainsAnyExcept('0') || (digits[precision - 1] - '0') % 2 == 1));
        var kept = digits[..precision].ToCharArray();
        if (!roundUp)
        {
            return new string(kept);
        }

        for (var i = precision - 1; i >= 0; i--)
        {
            if (kept[i] != '9')
            {
                kept[i]++;
                return new string(kept);
            }

            kept[i] = '0';
        }

        decimalPoint++;
        return "1" + new string(kept);
    }

    private static (string Digits, int DecimalPoint) ShortestDigits(double abs)
    {
        if (abs == 0)
        {
            return (string.Empty, 0);
        }

        // .NET's "R" is the shortest round-tripping representation, the same digits Go's shortest mode picks.
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

    private static string Sign(double value) => value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : string.Empty;

    private static string NonFinite(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
}
