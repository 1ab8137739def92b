using System.Text;
using ImageBuild.Templates.Text;

namespace ImageBuild.Templates.Formatting;

/// <summary>
/// The flags, width and precision of one fmt verb and the padding and number formatting they drive: Go's fmt
/// struct (format.go), writing into the printer's buffer.
/// </summary>
internal sealed class FormatState
{
    public const string LowerDigits = "0123456789abcdefx";
    public const string UpperDigits = "0123456789ABCDEFX";

    private readonly StringBuilder buffer;

    public FormatState(StringBuilder buffer)
    {
        this.buffer = buffer;
    }

    public bool WidthPresent { get; set; }

    public bool PrecisionPresent { get; set; }

    public bool Minus { get; set; }

    public bool Plus { get; set; }

    public bool Sharp { get; set; }

    public bool Space { get; set; }

    public bool Zero { get; set; }

    /// <summary>%+v: struct field names.</summary>
    public bool PlusV { get; set; }

    /// <summary>%#v: Go syntax.</summary>
    public bool SharpV { get; set; }

    public int Width { get; set; }

    public int Precision { get; set; }

    public void Clear()
    {
        WidthPresent = PrecisionPresent = Minus = Plus = Sharp = Space = Zero = PlusV = SharpV = false;
        Width = Precision = 0;
    }

    public void WritePadding(int count)
    {
        if (count > 0)
        {
            buffer.Append(Zero && !Minus ? '0' : ' ', count);
        }
    }

    /// <summary>Appends text padded to the width (counted in runes), on the left unless '-' was given.</summary>
    public void Pad(string text)
    {
        if (!WidthPresent || Width == 0)
        {
            buffer.Append(text);
            return;
        }

        var padding = Width - GoText.RuneCount(text);
        if (!Minus)
        {
            WritePadding(padding);
            buffer.Append(text);
        }
        else
        {
            buffer.Append(text);
            WritePadding(padding);
        }
    }

    public void FormatBoolean(bool value) => Pad(value ? "true" : "false");

    /// <summary>fmtInteger: sign, base prefix with '#', precision or zero padding, then width.</summary>
    public void FormatInteger(ulong value, int radix, bool isSigned, char verb, string digits)
    {
        var negative = isSigned && (long)value < 0;
        if (negative)
        {
            value = (ulong)-(long)value;
        }

        var precision = 0;
        if (PrecisionPresent)
        {
            precision = Precision;
            if (precision == 0 && value == 0)
            {
                var oldZero = Zero;
                Zero = false;
                WritePadding(Width);
                Zero = oldZero;
                return;
            }
        }
        else if (Zero && !Minus && WidthPresent)
        {
            precision = Width;
            if (negative || Plus || Space)
            {
                precision--;
            }
        }

        var text = new StringBuilder();
        do
        {
            text.Insert(0, digits[(int)(value % (ulong)radix)]);
            value /= (ulong)radix;
        }
        while (value > 0);

        while (text.Length < precision)
        {
            text.Insert(0, '0');
        }

        if (Sharp)
        {
            switch (radix)
            {
                case 2:
                    text.Insert(0, "0b");
                    break;
                case 8 when text[0] != '0':
                    text.Insert(0, '0');
                    break;
                case 16:
                    text.Insert(0, digits[16]).Insert(0, '0');
                    break;
            }
        }

        if (verb == 'O')
        {
            text.Insert(0, "0o");
        }

        if (negative)
        {
            text.Insert(0, '-');
        }
        else if (Plus)
        {
            text.Insert(0, '+');
        }
        else if (Space)
        {
            text.Insert(0, ' ');
        }

        var zero = Zero;
        Zero = false;
        Pad(text.ToString());
        Zero = zero;
    }

    /// <summary>%U: U+0041, with '#' also the quoted character.</summary>
    public void FormatUnicode(ulong value)
    {
        var precision = PrecisionPresent && Precision > 4 ? Precision : 4;
        var text = new StringBuilder("U+");
        text.Append(value.ToString("X", System.Globalization.CultureInfo.InvariantCulture).PadLeft(precision, '0'));
        if (Sharp && value <= 0x10FFFF && GoQuote.IsPrint((int)value))
        {
            text.Append(" '").Append(char.ConvertFromUtf32((int)value)).Append('\'');
        }

        var zero = Zero;
        Zero = false;
        Pad(text.ToString());
        Zero = zero;
    }

    /// <summary>%c.</summary>
    public void FormatCharacter(ulong value)
    {
        var rune = value > 0x10FFFF || !GoQuote.IsValidRune((int)value) ? 0xFFFD : (int)value;
        Pad(char.ConvertFromUtf32(rune));
    }

    /// <summary>%q of an integer: a quoted character.</summary>
    public void FormatQuotedCharacter(ulong value) =>
        Pad(GoQuote.QuoteRune(value > 0x10FFFF ? 0xFFFD : (int)value, asciiOnly: Plus));

    /// <summary>fmtFloat: strconv's text, then sign, '#', and zero or space padding as fmt applies them.</summary>
    public void FormatFloat(double value, char verb, int precision)
    {
        if (PrecisionPresent)
        {
            precision = Precision;
        }

        var number = GoFloatFormatter.Format(value, verb, precision);
        number = number[0] is '-' or '+' ? number : "+" + number;
        if (Space && number[0] == '+' && !Plus)
        {
            number = " " + number[1..];
        }

        if (number[1] is 'I' or 'N')
        {
            var zero = Zero;
            Zero = false;
            if (number[1] == 'N' && !Space && !Plus)
            {
                number = number[1..];
            }

            Pad(number);
            Zero = zero;
            return;
        }

        if (Sharp && verb != 'b')
        {
            number = ForceDecimalPoint(number, verb, precision);
        }

        if (Plus || number[0] != '+')
        {
            if (Zero && !Minus && WidthPresent && Width > number.Length)
            {
                buffer.Append(number[0]);
                WritePadding(Width - number.Length);
                buffer.Append(number, 1, number.Length - 1);
                return;
            }

            Pad(number);
            return;
        }

        Pad(number[1..]);
    }

    /// <summary>%s: the text, cut to the precision in runes.</summary>
    public void FormatString(string text) => Pad(TruncateString(text));

    /// <summary>%x and %X of a string: two hex digits per byte, with '#' a 0x prefix, with ' ' spaces between bytes.</summary>
    public void FormatStringHex(string text, string digits)
    {
        var bytes = GoText.ToBytes(text);
        var length = PrecisionPresent && Precision < bytes.Length ? Precision : bytes.Length;
        var width = 2 * length;
        if (width > 0)
        {
            if (Space)
            {
                if (Sharp)
                {
                    width *= 2;
                }

                width += length - 1;
            }
            else if (Sharp)
            {
                width += 2;
            }
        }
        else
        {
            if (WidthPresent)
            {
                WritePadding(Width);
            }

            return;
        }

        if (WidthPresent && Width > width && !Minus)
        {
            WritePadding(Width - width);
        }

        if (Sharp)
        {
            buffer.Append('0').Append(digits[16]);
        }

        for (var i = 0; i < length; i++)
        {
            if (Space && i > 0)
            {
                buffer.Append(' ');
                if (Sharp)
                {
                    buffer.Append('0').Append(digits[16]);
                }
            }

            buffer.Append(digits[bytes[i] >> 4]).Append(digits[bytes[i] & 0xF]);
        }

        if (WidthPresent && Width > width && Minus)
        {
            WritePadding(Width - width);
        }
    }

    /// <summary>%q of a string: Go-quoted (backquoted with '#' when possible, ASCII only with '+').</summary>
    public void FormatQuoted(string text)
    {
        text = TruncateString(text);
        if (Sharp && GoQuote.CanBackquote(text))
        {
            Pad("`" + text + "`");
            return;
        }

        Pad(GoQuote.Quote(text, asciiOnly: Plus));
    }

    private string TruncateString(string text)
    {
        if (!PrecisionPresent)
        {
            return text;
        }

        var remaining = Precision;
        var output = new StringBuilder();
        foreach (var (_, rune) in GoText.Runes(text))
        {
            if (remaining-- <= 0)
            {
                break;
            }

            output.Append(rune);
        }

        return output.ToString();
    }

    /// <summary>The '#' flag of %e, %f, %g: keep the decimal point, and for %g the trailing zeros.</summary>
    private static string ForceDecimalPoint(string number, char verb, int precision)
    {
        var digits = verb is 'v' or 'g' or 'G' or 'x' ? (precision == -1 ? 6 : precision) : 0;
        var tail = string.Empty;
        var body = new StringBuilder();
        var hasDecimalPoint = false;
        var sawNonzeroDigit = false;
        body.Append(number[0]);
        for (var i = 1; i < number.Length; i++)
        {
            var c = number[i];
            if (c == '.')
            {
                hasDecimalPoint = true;
                body.Append(c);
            }
            else if (c is 'p' or 'P' || (c is 'e' or 'E' && verb is not ('x' or 'X')))
            {
                tail = number[i..];
                break;
            }
            else
            {
                if (c != '0')
                {
                    sawNonzeroDigit = true;
                }

                if (sawNonzeroDigit)
                {
                    digits--;
                }

                body.Append(c);
            }
        }

        if (!hasDecimalPoint)
        {
            if (body.Length == 2 && body[1] == '0')
            {
                digits--;
            }

            body.Append('.');
        }

        while (digits-- > 0)
        {
            body.Append('0');
        }

        return body.Append(tail).ToString();
    }
}
