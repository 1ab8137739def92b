using System.Globalization;

namespace ImageBuild.Registry;

/// <summary>
/// The byte ranges of chunked uploads, written as the distribution spec does: <c>start-end</c>, inclusive,
/// without the <c>bytes </c> unit of HTTP's own Content-Range.
/// </summary>
public static class UploadRange
{
    /// <summary>The Content-Range of a chunk of <paramref name="length"/> bytes at <paramref name="offset"/> (length &gt; 0).</summary>
    public static string Format(long offset, long length) =>
        string.Create(CultureInfo.InvariantCulture, $"{offset}-{offset + length - 1}");

    /// <summary>
    /// The inclusive end of a <c>Range: 0-END</c> header, or null when absent or malformed. A leading
    /// <c>bytes=</c> is tolerated, as some registries write one.
    /// </summary>
    public static long? ParseEnd(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var text = header.Trim();
        if (text.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            text = text["bytes=".Length..];
        }

        var dash = text.IndexOf('-');
        return dash > 0
            && long.TryParse(text[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var start) && start == 0
            && long.TryParse(text[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var end) && end >= 0
            ? end
            : null;
    }
}
