using System.Globalization;
using System.Text;
using ImageBuild.Templates.Text;

namespace ImageBuild.Templates.Formatting;

/// <summary>Go's strconv quoting (Quote, QuoteToASCII, QuoteRune, CanBackquote) and unicode.IsPrint.</summary>
public static class GoQuote
{
    private const string LowerHex = "0123456789abcdef";

    public static string Quote(string text, bool asciiOnly = false) => QuoteWith(text, '"', asciiOnly);

    public static string QuoteRune(int rune, bool asciiOnly = false)
    {
        if (!IsValidRune(rune))
        {
            rune = 0xFFFD;
        }

        var text = new StringBuilder("'");
        AppendEscapedRune(text, rune, '\'', asciiOnly);
        return text.Append('\'').ToString();
    }

    /// <summary>True when the text can be written between backquotes unchanged.</summary>
    public static bool CanBackquote(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            // A lone surrogate is a byte of invalid UTF-8 (see GoText), which backquotes cannot hold.
            if (char.IsSurrogate(c) || (c < ' ' && c != '\t') || c is '`' or '\u007F' or '\uFEFF')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(int rune)
    {
        if (rune == ' ')
        {
            return true;
        }

        if (!IsValidRune(rune))
        {
            return false;
        }

        return CharUnicodeInfo.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    public static bool IsValidRune(int rune) => rune is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF);

    private static string QuoteWith(string text, char quote, bool asciiOnly)
    {
        var output = new StringBuilder();
        output.Append(quote);
        var bytes = GoText.ToBytes(text);
        var i = 0;
        while (i < bytes.Length)
        {
            var (rune, width) = GoText.DecodeRune(bytes.AsSpan(i));
            if (rune < 0)
            {
                output.Append("\\x").Append(LowerHex[bytes[i] >> 4]).Append(LowerHex[bytes[i] & 0xF]);
            }
            else
            {
                AppendEscapedRune(output, rune, quote, asciiOnly);
            }

            i += width;
        }

        return output.Append(quote).ToString();
    }

    private static void AppendEscapedRune(StringBuilder output, int rune, char quote, bool asciiOnly)
    {
        if (rune == quote || rune == '\\')
        {
            output.Append('\\').Append((char)rune);
            return;
        }

        if (asciiOnly ? rune < 0x80 && IsPrint(rune) : IsPrint(rune))
        {
            output.Append(char.ConvertFromUtf32(rune));
            return;
        }

        switch (rune)
        {
            case '\a': output.Append("\\a"); return;
            case '\b': output.Append("\\b"); return;
            case '\f': output.Append("\\f"); return;
            case '\n': output.Append("\\n"); return;
            case '\r': output.Append("\\r"); return;
            case '\t': output.Append("\\t"); return;
            case '\v': output.Append("\\v"); return;
        }

        if (rune < ' ' || rune == 0x7F)
        {
            output.Append("\\x").Append(LowerHex[rune >> 4]).Append(LowerHex[rune & 0xF]);
        }
        else if (rune < 0x10000)
        {
            output.Append("\\u").Append(rune.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            output.Append("\\U").Append(rune.ToString("x8", CultureInfo.InvariantCulture));
        }
    }
}
