using ImageBuild.Errors;

namespace ImageBuild.Layers;

/// <summary>
/// Paths inside a layer: relative to the image root, '/'-separated, without empty, "." or ".." segments.
/// </summary>
public static class LayerPath
{
    /// <summary>
    /// Orders paths segment by segment (ordinal), so a directory sorts before everything under it and each
    /// subtree stays contiguous, the order a directory walk gives.
    /// </summary>
    public static IComparer<string> Comparer { get; } = new SegmentOrdinalComparer();

    /// <summary>
    /// Cleans a path a caller gives (an entry path, a destination). The empty string is the root.
    /// ".." is refused rather than resolved because a caller-built path that climbs is a mistake.
    /// </summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                throw new InvalidInputException($"layer path \"{path}\" contains \"..\": give a path inside the image, for example /app");
            }

            segments.Add(segment);
        }

        return string.Join('/', segments);
    }

    /// <summary>The parent of a normalized path; the root ("") for top-level paths.</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    /// <summary>
    /// Splits a name read from a layer tar into clean segments: a leading '/' and "." are dropped and ".." is
    /// resolved lexically. A name that climbs above the root is refused, since only a hostile layer has one.
    /// </summary>
    internal static List<string> SplitArchiveName(string name)
    {
        var segments = new List<string>();
        foreach (var segment in name.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    throw new ImageBuildException($"layer entry \"{name}\" escapes the root with \"..\": the layer is malformed or hostile; rebuild it from a trusted source");
                }

                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return segments;
    }

    private sealed class SegmentOrdinalComparer : IComparer<string>
    {
        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? -1 : 1;
            }

            var length = Math.Min(x.Length, y.Length);
            for (var i = 0; i < length; i++)
            {
                if (x[i] == y[i])
                {
                    continue;
                }

                // '/' ends a segment, so it sorts before every character a segment can continue with.
                return (x[i] == '/' ? -1 : x[i]).CompareTo(y[i] == '/' ? -1 : y[i]);
            }

            return x.Length.CompareTo(y.Length);
        }
    }
}
