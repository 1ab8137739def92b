using System.Text;
using ImageBuild.Templates.Text;

namespace ImageBuild.Templates.Functions;

/// <summary>Go's strings.Title, ToUpper and ToLower, rune by rune with simple case mappings.</summary>
public static class GoStrings
{
    /// <summary>strings.Title: each letter after a separator in title case (separators: anything but letters, digits, '_').</summary>
    public static string Title(string text)
    {
        var output = new StringBuilder(text.Length);
        var previousIsSeparator = true;
        foreach (var (rune, runeText) in GoText.Runes(text))
        {
            output.Append(previousIsSeparator && rune != 0xFFFD ? char.ConvertFromUtf32(ToTitle(rune)) : runeText);
            previousIsSeparator = IsSeparator(rune);
        }

        return output.ToString();
    }

    public static string ToUpper(string text) => Map(text, r => Rune.ToUpperInvariant(r));

    public static string ToLower(string text) => Map(text, r => Rune.ToLowerInvariant(r));

    private static string Map(string text, Func<Rune, Rune> map)
    {
        var output = new StringBuilder(text.Length);
        foreach (var (rune, runeText) in GoText.Runes(text))
        {
            output.Append(runeText.Length == 1 && char.IsSurrogate(runeText[0]) ? runeText : map(new Rune(rune)).ToString());
        }

        return output.ToString();
    }

    /// <summary>unicode.ToTitle: upper case, except the Latin digraphs that have a title-case letter of their own.</summary>
    private static int ToTitle(int rune) => rune switch
    {
        0x01C4 or 0x01C5 or 0x01C6 => 0x01C5,
        0x01C7 or 0x01C8 or 0x01C9 => 0x01C8,
        0x01CA or 0x01CB or 0x01CC => 0x01CB,
        0x01F1 or 0x01F2 or 0x01F3 => 0x01F2,
        _ => Rune.ToUpperInvariant(new Rune(rune)).Value,
    };

    private static bool IsSeparator(int rune)
    {
        if (rune < 0x80)
        {
            return !(char.IsAsciiLetterOrDigit((char)rune) || rune == '_');
        }

        var r = new Rune(rune);
        return !Rune.IsLetter(r) && !Rune.IsDigit(r) && Rune.IsWhiteSpace(r);
    }
}
