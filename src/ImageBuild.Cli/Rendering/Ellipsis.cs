using System.Text;

namespace ImageBuild.Cli.Rendering;

/// <summary>docker's formatter.Ellipsis, used for history's CREATED BY and search's DESCRIPTION (45 columns).</summary>
internal static class Ellipsis
{
    public const int HistoryAndSearchWidth = 45;

    /// <summary>
    /// Cuts <paramref name="text"/> to at most <paramref name="maxDisplayWidth"/> display columns, the last one
    /// being "…" (U+2026). Wide characters count two columns. Quirks kept from docker: width 1 returns the first
    /// character alone, and when the first character is already wider than the room left nothing is cut.
    /// </summary>
    public static string Truncate(string text, int maxDisplayWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (maxDisplayWidth <= 0)
        {
            return string.Empty;
        }

        var runes = text.EnumerateRunes().ToList();
        if (maxDisplayWidth == 1)
        {
            return runes.Count == 0 ? string.Empty : runes[0].ToString();
        }

        var widths = runes.Select(rune => DisplayWidth.IsWide(rune) ? 2 : 1).ToList();
        var cumulative = 0;
        var ends = new List<int>(runes.Count);
        foreach (var width in widths)
        {
            cumulative += width;
            ends.Add(cumulative);
        }

        if (cumulative <= maxDisplayWidth)
        {
            return text;
        }

        for (var i = 0; i + 1 < ends.Count; i++)
        {
            if (ends[i] <= maxDisplayWidth - 1 && ends[i + 1] > maxDisplayWidth - 1)
            {
                var kept = new StringBuilder();
                foreach (var rune in runes.Take(i + 1))
                {
                    kept.Append(rune.ToString());
                }

                return kept.Append('…').ToString();
            }
        }

        return text;
    }
}
