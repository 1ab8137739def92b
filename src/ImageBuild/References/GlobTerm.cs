using System.Text;

namespace ImageBuild.References;

/// <summary>
/// One single-character term of a <see cref="GlobPattern"/>: a literal, <c>?</c> (anything but '/'), or a
/// bracket class of characters and ranges, optionally negated with '^'. As in Go's path.Match, a class may
/// match '/'; only '?' and '*' stop at it.
/// </summary>
internal sealed class GlobTerm
{
    private readonly (Rune Low, Rune High)[] ranges;
    private readonly bool negated;
    private readonly bool anyButSlash;

    private GlobTerm((Rune Low, Rune High)[] ranges, bool negated, bool anyButSlash)
    {
        this.ranges = ranges;
        this.negated = negated;
        this.anyButSlash = anyButSlash;
    }

    public static GlobTerm AnyExceptSlash { get; } = new([], negated: false, anyButSlash: true);

    public static GlobTerm Literal(Rune value) => new([(value, value)], negated: false, anyButSlash: false);

    public static GlobTerm Class(IReadOnlyList<(Rune Low, Rune High)> ranges, bool negated) =>
        new([.. ranges], negated, anyButSlash: false);

    public bool Matches(Rune value)
    {
        if (anyButSlash)
        {
            return value.Value != '/';
        }

        var inRange = false;
        foreach (var (low, high) in ranges)
        {
            if (low <= value && value <= high)
            {
                inRange = true;
                break;
            }
        }

        return inRange != negated;
    }
}
