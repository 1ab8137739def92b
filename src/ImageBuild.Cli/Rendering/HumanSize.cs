using System.Globalization;
using ImageBuild.Templates.Formatting;

namespace ImageBuild.Cli.Rendering;

/// <summary>Sizes as docker prints them (go-units): 1000-based units and Go's %g, e.g. "12.3kB", "1.5GB", "1e+03kB".</summary>
internal static class HumanSize
{
    private static readonly string[] Units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

    /// <summary>units.HumanSizeWithPrecision(size, 3), used by image ls and history.</summary>
    public static string Format(long bytes) => Format(bytes, 3);

    /// <summary>
    /// units.HumanSizeWithPrecision: divide by 1000 while at least 1000 (one unit at a time, in floating point, as Go
    /// does), then <c>%.{precision}g</c>. Precision 4 is units.HumanSize, which system df uses.
    /// </summary>
    public static string Format(long bytes, int precision)
    {
        double size = bytes;
        var unit = 0;
        while (size >= 1000.0 && unit < Units.Length - 1)
        {
            size /= 1000.0;
            unit++;
        }

        return GoFloatFormatter.FormatG(size, precision) + Units[unit];
    }

    /// <summary>system df's RECLAIMABLE column: "1.2GB (50%)", or just the size when the total is zero.</summary>
    public static string FormatReclaimable(long reclaimable, long total) =>
        total > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Format(reclaimable, 4)} ({reclaimable * 100 / total}%)")
            : Format(reclaimable, 4);
}
