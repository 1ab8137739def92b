using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageBuild.Cli.Rendering;

/// <summary>Go's constant syntax for template literals: quoted and raw strings, character constants and numbers.</summary>
internal static class GoLiteral
{
    public static string UnquoteString(string source, int position)
    {
        if (source[0] == '`')
        {
            return source[1..^1].Replace("\r", string.Empty, StringComparison.Ordinal);
        }

        return Unescape(source[1..^1], '"', position);
    }

    public static long UnquoteChar(string source, int position)
    {
        var text = Unescape(source[1..^1], '\'', position);
        var runes = text.EnumerateRunes().ToList();
        if (runes.Count != 1)
        {
            throw new TemplateSyntaxException(position, $"malformed character constant: {source}");
        }

        return runes[0].Value;
    }

    /// <summary>An integer constant becomes a 64-bit integer, anything with a fraction or exponent a float.</summary>
    public static JsonNode ParseNumber(string source, int position)
    {
        var text = source.Replace("_", string.Empty, StringComparison.Ordinal);
        var negative = text.StartsWith('-');
        var unsigned = text.TrimStart('+', '-');
        var (radix, digits) = unsigned.Length > 2 && unsigned[0] == '0' ? char.ToLowerInvariant(unsigned[1]) switch
        {
            'x' => (16, unsigned[2..]),
            'o' => (8, unsigned[2..]),
            'b' => (2, unsigned[2..]),
            _ => (10, unsigned),
        } : (10, unsigned);
        if (radix != 10 || digits.All(char.IsAsciiDigit))
        {
            if (radix == 10 && digits.Length > 1 && digits[0] == '0')
            {
                radix = 8;
            }

            if (TryParseInteger(digits, radix, out var magnitude))
            {
                return JsonValue.Create(negative ? -magnitude : magnitude);
            }
        }
        else if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var real)
            && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }

        throw new TemplateSyntaxException(position, $"bad number syntax: \"{source}\"");
    }

    private static bool TryParseInteger(string digits, int radix, out long value)
    {
        value = 0;
        if (digits.Length == 0)
        {
            return false;
        }

        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : radix;
            if (digit >= radix || value > (long.MaxValue - digit) / radix)
            {
                return false;
            }

            value = (value * radix) + digit;
        }

        return true;
    }

    private static string Unescape(string body, char quote, int position)
    {
        var text = new StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            if (++i >= body.Length)
            {
                throw Invalid(position);
            }

            var escape = body[i];
            switch (escape)
            {
                case 'a': text.Append('\a'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'v': text.Append('\v'); break;
                case '\\': text.Append('\\'); break;
                case 'x': text.Append((char)Hex(body, ref i, 2, position)); break;
                case 'u': text.Append(char.ConvertFromUtf32(Hex(body, ref i, 4, position))); break;
                case 'U': text.Append(char.ConvertFromUtf32(Hex(body, ref i, 8, position))); break;
                case >= '0' and <= '7':
                    if (i + 2 >= body.Length || !IsOctal(body[i + 1]) || !IsOctal(body[i + 2]))
                    {
                        throw Invalid(position);
                    }

                    text.Append((char)Convert.ToInt32(body.Substring(i, 3), 8));
                    i += 2;
                    break;
                default:
                    if (escape != quote)
                    {
                        throw Invalid(position);
                    }

                    text.Append(escape);
                    break;
            }
        }

        return text.ToString();
    }

    private static int Hex(string body, ref int i, int length, int position)
    {
        if (i + length >= body.Length)
        {
            throw Invalid(position);
        }

        var digits = body.Substring(i + 1, length);
        if (!int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            || value > 0x10FFFF || (value is >= 0xD800 and <= 0xDFFF))
        {
            throw Invalid(position);
        }

        i += length;
        return value;
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';

    private static TemplateSyntaxException Invalid(int position) => new(position, "invalid syntax in quoted string");
}
