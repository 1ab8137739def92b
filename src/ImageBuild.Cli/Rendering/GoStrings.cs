using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageBuild.Cli.Rendering;

/// <summary>The Go string helpers behind docker's template functions.</summary>
internal static class GoStrings
{
    /// <summary>strings.Title: upper-cases the first letter after each separator (anything but letters, digits and '_').</summary>
    public static string Title(string text)
    {
        var result = new StringBuilder(text.Length);
        var previous = new Rune(' ');
        foreach (var rune in text.EnumerateRunes())
        {
            result.Append(IsSeparator(previous) ? Rune.ToUpperInvariant(rune).ToString() : rune.ToString());
            previous = rune;
        }

        return result.ToString();
    }

    /// <summary>docker's truncate: the first <paramref name="length"/> characters (Go counts bytes; runes keep text valid).</summary>
    public static string Truncate(string text, int length)
    {
        if (length < 0)
        {
            throw new TemplateFunctionException(string.Create(CultureInfo.InvariantCulture, $"error calling truncate: slice bounds out of range [:{length}]"));
        }

        var runes = text.EnumerateRunes().ToList();
        return runes.Count < length ? text : string.Concat(runes.Take(length).Select(rune => rune.ToString()));
    }

    /// <summary>fmt.Sprint: operands in %v form, with a space between two operands when neither is a string.</summary>
    public static string Sprint(IReadOnlyList<JsonNode?> operands)
    {
        var text = new StringBuilder();
        for (var i = 0; i < operands.Count; i++)
        {
            if (i > 0 && !GoValue.IsString(operands[i], out _) && !GoValue.IsString(operands[i - 1], out _))
            {
                text.Append(' ');
            }

            text.Append(GoValue.ToText(operands[i]));
        }

        return text.ToString();
    }

    private static bool IsSeparator(Rune rune)
    {
        if (rune.IsAscii)
        {
            return !(char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == '_');
        }

        return !Rune.IsLetter(rune) && !Rune.IsDigit(rune) && Rune.IsWhiteSpace(rune);
    }
}
