using System.Globalization;
using System.Numerics;
using System.Text;
using ImageBuild.Templates.Text;

namespace ImageBuild.Templates.Parsing;

/// <summary>Go's strconv parsing of template constants: ParseInt/ParseUint with base 0, ParseFloat, Unquote, UnquoteChar.</summary>
internal static class GoStrconv
{
    /// <summary>ParseUint(text, 0, 64): 0x, 0o, 0b and leading-0 octal prefixes, '_' between digits.</summary>
    public static bool TryParseUint(string text, out ulong value)
    {
        value = 0;
        if (text.Length == 0 || text[0] is '+' or '-')
        {
            return false;
        }

        var radix = 10;
        var digits = text;
        if (text[0] == '0' && text.Length > 1)
        {
            switch (char.ToLowerInvariant(text[1]))
            {
                case 'x':
                    radix = 16;
                    digits = text[2..];
                    break;
                case 'o':
                    radix = 8;
                    digits = text[2..];
                    break;
                case 'b':
                    radix = 2;
                    digits = text[2..];
                    break;
                default:
                    radix = 8;
                    digits = text[1..];
                    break;
            }
        }

        var underscores = false;
        var any = false;
        foreach (var c in digits)
        {
            if (c == '_')
            {
                underscores = true;
                continue;
            }

            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= radix)
            {
                return false;
            }

            if (value > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return false;
            }

            value = (value * (ulong)radix) + (ulong)digit;
            any = true;
        }

        return (any || radix == 8) && (!underscores || UnderscoreOk(text));
    }

    /// <summary>ParseInt(text, 0, 64).</summary>
    public static bool TryParseInt(string text, out long value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return false;
        }

        var negative = text[0] == '-';
        var body = text[0] is '+' or '-' ? text[1..] : text;
        if (!TryParseUint(body, out var magnitude))
        {
            return false;
        }

        if (negative ? magnitude > 1UL << 63 : magnitude > long.MaxValue)
        {
            return false;
        }

        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    /// <summary>ParseFloat(text, 64): decimal with exponent, or hexadecimal mantissa with a 'p' exponent; '_' between digits.</summary>
    public static bool TryParseFloat(string text, out double value)
    {
        value = 0;
        var body = text;
        var negative = false;
        if (body.Length > 0 && body[0] is '+' or '-')
        {
            negative = body[0] == '-';
            body = body[1..];
        }

        if (body.Contains('_', StringComparison.Ordinal))
        {
            if (!UnderscoreOk(text))
            {
                return false;
            }

            body = body.Replace("_", string.Empty, StringComparison.Ordinal);
        }

        if (body.Length > 1 && body[0] == '0' && body[1] is 'x' or 'X')
        {
            if (!TryParseHexFloat(body[2..], out value))
            {
                return false;
            }
        }
        else
        {
            if (body.Length == 0 || !(char.IsAsciiDigit(body[0]) || body[0] == '.')
                || body.Any(c => !(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-'))
                || !double.TryParse(body, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
                || !body.Any(char.IsAsciiDigit))
            {
                return false;
            }
        }

        if (double.IsInfinity(value))
        {
            return false;
        }

        value = negative ? -value : value;
        return true;
    }

    /// <summary>fmt.Sscan of a complex constant such as 1+2i or -1.2-3e4i.</summary>
    public static bool TryParseComplex(string text, out Complex value)
    {
        value = Complex.Zero;
        if (!text.EndsWith('i'))
        {
            return false;
        }

        for (var split = text.Length - 2; split > 0; split--)
        {
            if (text[split] is '+' or '-' && text[split - 1] is not ('e' or 'E' or 'p' or 'P'))
            {
                if (TryParseFloat(text[..split], out var real) && TryParseFloat(text[split..^1], out var imaginary))
                {
                    value = new Complex(real, imaginary);
                    return true;
                }

                return false;
            }
        }

        return false;
    }

    /// <summary>strconv.Unquote of a "..." or `...` string constant.</summary>
    public static bool TryUnquote(string quoted, out string text)
    {
        text = string.Empty;
        if (quoted.Length < 2)
        {
            return false;
        }

        if (quoted[0] == '`')
        {
            if (quoted[^1] != '`' || quoted[1..^1].Contains('`', StringComparison.Ordinal))
            {
                return false;
            }

            text = quoted[1..^1].Replace("\r", string.Empty, StringComparison.Ordinal);
            return true;
        }

        if (quoted[0] != '"' || quoted[^1] != '"')
        {
            return false;
        }

        var bytes = new List<byte>();
        var body = quoted[1..^1];
        var i = 0;
        while (i < body.Length)
        {
            if (body[i] == '"' || body[i] == '\n')
            {
                return false;
            }

            if (!TryUnquoteChar(body, ref i, '"', out var rune, out var isByte))
            {
                return false;
            }

            AppendRune(bytes, rune, isByte);
        }

        text = GoText.FromBytes(bytes.ToArray());
        return true;
    }

    /// <summary>
    /// strconv.UnquoteChar at <paramref name="i"/>: one character or escape. <paramref name="isByte"/> marks \x and
    /// octal escapes, which stand for a byte rather than a rune inside strings.
    /// </summary>
    public static bool TryUnquoteChar(string text, ref int i, char quote, out int rune, out bool isByte)
    {
        isByte = false;
        rune = 0;
        var c = text[i];
        if (c == quote && quote is '\'' or '"')
        {
            return false;
        }

        if (c != '\\')
        {
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                rune = char.ConvertToUtf32(c, text[i + 1]);
                i += 2;
            }
            else
            {
                rune = char.IsSurrogate(c) ? 0xFFFD : c;
                i++;
            }

            return true;
        }

        if (i + 1 >= text.Length)
        {
            return false;
        }

        var escape = text[i + 1];
        i += 2;
        switch (escape)
        {
            case 'a': rune = '\a'; return true;
            case 'b': rune = '\b'; return true;
            case 'f': rune = '\f'; return true;
            case 'n': rune = '\n'; return true;
            case 'r': rune = '\r'; return true;
            case 't': rune = '\t'; return true;
            case 'v': rune = '\v'; return true;
            case '\\': rune = '\\'; return true;
            case 'x' or 'u' or 'U':
                var length = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
                if (i + length > text.Length
                    || !int.TryParse(text.AsSpan(i, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out rune))
                {
                    return false;
                }

                i += length;
                if (escape == 'x')
                {
                    isByte = true;
                    return true;
                }

                return Formatting.GoQuote.IsValidRune(rune);
            case >= '0' and <= '7':
                if (i + 2 > text.Length)
                {
                    return false;
                }

                var octal = text.Substring(i - 1, 3);
                if (!octal.All(d => d is >= '0' and <= '7'))
                {
                    return false;
                }

                rune = Convert.ToInt32(octal, 8);
                i += 2;
                isByte = true;
                return rune <= 255;
            case '\'' or '"':
                rune = escape;
                return escape == quote;
            default:
                return false;
        }
    }

    private static void AppendRune(List<byte> bytes, int rune, bool isByte)
    {
        if (isByte || rune < 0x80)
        {
            bytes.Add((byte)rune);
            return;
        }

        Span<byte> buffer = stackalloc byte[4];
        var written = new Rune(rune).EncodeToUtf8(buffer);
        for (var k = 0; k < written; k++)
        {
            bytes.Add(buffer[k]);
        }
    }

    /// <summary>strconv's underscoreOK: '_' only between digits, or right after a base prefix.</summary>
    private static bool UnderscoreOk(string text)
    {
        var saw = '^';
        var i = 0;
        if (text.Length >= 1 && text[0] is '-' or '+')
        {
            text = text[1..];
        }

        var hex = false;
        if (text.Length >= 2 && text[0] == '0' && char.ToLowerInvariant(text[1]) is 'b' or 'o' or 'x')
        {
            i = 2;
            saw = '0';
            hex = char.ToLowerInvariant(text[1]) == 'x';
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c) || (hex && char.IsAsciiHexDigit(c)))
            {
                saw = '0';
                continue;
            }

            if (c == '_')
            {
                if (saw != '0')
                {
                    return false;
                }

                saw = '_';
                continue;
            }

            if (saw == '_')
            {
                return false;
            }

            saw = '!';
        }

        return saw != '_';
    }

    private static bool TryParseHexFloat(string body, out double value)
    {
        value = 0;
        var p = body.IndexOfAny(['p', 'P']);
        if (p < 0)
        {
            return false;
        }

        var mantissaText = body[..p];
        var exponentText = body[(p + 1)..];
        if (!int.TryParse(exponentText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent))
        {
            return false;
        }

        var dot = mantissaText.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissaText : mantissaText.Remove(dot, 1);
        if (digits.Length == 0 || !digits.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        var fractionDigits = dot < 0 ? 0 : mantissaText.Length - dot - 1;
        var mantissa = BigInteger.Parse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        value = (double)mantissa * Math.Pow(2, exponent - (4 * fractionDigits));
        return true;
    }
}
