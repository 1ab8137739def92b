using System.Diagnostics.CodeAnalysis;
using System.Text;
using ImageBuild.Errors;

namespace ImageBuild.References;

/// <summary>
/// A shell pattern with the semantics of Go's <c>path.Match</c>, which docker uses for <c>reference=</c>
/// filters: <c>*</c> matches any run of characters except '/', <c>?</c> one character except '/',
/// <c>[abc]</c>, <c>[a-z]</c> and <c>[^a-z]</c> classes, and <c>\</c> escapes the next character. As in Go,
/// only '^' negates a class (<c>[!a]</c> matches '!' or 'a'), and the whole name must match.
/// </summary>
public sealed class GlobPattern
{
    private readonly IReadOnlyList<GlobChunk> chunks;

    private GlobPattern(string pattern, IReadOnlyList<GlobChunk> chunks)
    {
        Pattern = pattern;
        this.chunks = chunks;
    }

    public string Pattern { get; }

    /// <summary>Compiles a pattern; throws <see cref="InvalidInputException"/> when it is malformed.</summary>
    public static GlobPattern Parse(string pattern) =>
        TryParse(pattern, out var glob, out var error) ? glob : throw new InvalidInputException(error);

    public static bool TryParse(string pattern, [NotNullWhen(true)] out GlobPattern? glob, out string error)
    {
        var problem = Compile(pattern, out var chunks);
        glob = problem is null ? new GlobPattern(pattern, chunks) : null;
        error = problem is null ? string.Empty : ReferenceGrammar.Printable($"invalid pattern \"{pattern}\": {problem}");
        return problem is null;
    }

    public bool IsMatch(string name)
    {
        var position = 0;
        for (var index = 0; index < chunks.Count; index++)
        {
            var chunk = chunks[index];
            var isLast = index == chunks.Count - 1;
            if (chunk.StarBefore && chunk.Terms.Count == 0)
            {
                // A trailing star takes the rest of the name unless that rest crosses a '/'.
                return name.IndexOf('/', position) < 0;
            }

            if (TryMatchChunk(chunk, name, position, out var end) && (!isLast || end == name.Length))
            {
                position = end;
                continue;
            }

            if (!chunk.StarBefore || !TryMatchAfterStar(chunk, name, isLast, ref position))
            {
                return false;
            }
        }

        return position == name.Length;
    }

    public override string ToString() => Pattern;

    // Go commits to the leftmost place the chunk fits after the star (the last chunk must also reach the end);
    // with fixed-width chunks that is never worse than a later place.
    private static bool TryMatchAfterStar(GlobChunk chunk, string name, bool isLast, ref int position)
    {
        for (var skip = position; skip < name.Length && name[skip] != '/'; skip++)
        {
            if (TryMatchChunk(chunk, name, skip + 1, out var end) && (!isLast || end == name.Length))
            {
                position = end;
                return true;
            }
        }

        return false;
    }

    private static bool TryMatchChunk(GlobChunk chunk, string name, int start, out int end)
    {
        end = start;
        foreach (var term in chunk.Terms)
        {
            if (end >= name.Length)
            {
                return false;
            }

            Rune.DecodeFromUtf16(name.AsSpan(end), out var value, out var consumed);
            if (!term.Matches(value))
            {
                return false;
            }

            end += consumed;
        }

        return true;
    }

    private static string? Compile(string pattern, out IReadOnlyList<GlobChunk> chunks)
    {
        var result = new List<GlobChunk>();
        chunks = result;
        var terms = new List<GlobTerm>();
        var star = false;
        var i = 0;
        while (i < pattern.Length)
        {
            switch (pattern[i])
            {
                case '*':
                    if (terms.Count > 0)
                    {
                        result.Add(new GlobChunk(star, terms));
                        terms = [];
                    }

                    star = true;
                    i++;
                    break;
                case '?':
                    terms.Add(GlobTerm.AnyExceptSlash);
                    i++;
                    break;
                case '[':
                    var problem = CompileClass(pattern, ref i, out var term);
                    if (problem is not null)
                    {
                        return problem;
                    }

                    terms.Add(term!);
                    break;
                case '\\':
                    if (i + 1 == pattern.Length)
                    {
                        return $"'\\' at position {i + 1} ends the pattern with nothing to escape; write '\\\\' to match a backslash";
                    }

                    terms.Add(GlobTerm.Literal(ReadRune(pattern, ref i, skip: 1)));
                    break;
                default:
                    terms.Add(GlobTerm.Literal(ReadRune(pattern, ref i, skip: 0)));
                    break;
            }

            if (i == pattern.Length && (terms.Count > 0 || star))
            {
                result.Add(new GlobChunk(star, terms));
            }
        }

        return null;
    }

    private static string? CompileClass(string pattern, ref int i, out GlobTerm? term)
    {
        term = null;
        var open = i;
        i++;
        var negated = i < pattern.Length && pattern[i] == '^';
        if (negated)
        {
            i++;
        }

        var ranges = new List<(Rune Low, Rune High)>();
        while (true)
        {
            if (i >= pattern.Length)
            {
                return Unclosed(open);
            }

            if (pattern[i] == ']' && ranges.Count > 0)
            {
                i++;
                term = GlobTerm.Class(ranges, negated);
                return null;
            }

            var problem = ReadClassCharacter(pattern, ref i, open, out var low);
            if (problem is not null)
            {
                return problem;
            }

            var high = low;
            if (i < pattern.Length && pattern[i] == '-')
            {
                i++;
                problem = ReadClassCharacter(pattern, ref i, open, out high);
                if (problem is not null)
                {
                    return problem;
                }
            }

            ranges.Add((low, high));
        }
    }

    private static string? ReadClassCharacter(string pattern, ref int i, int open, out Rune value)
    {
        value = default;
        if (i >= pattern.Length || (pattern[i] == '\\' && i + 1 == pattern.Length))
        {
            return Unclosed(open);
        }

        switch (pattern[i])
        {
            case ']':
                return $"character class at position {open + 1} is empty or has a range without an end; " +
                    "write '\\]' to match ']'";
            case '-':
                return $"'-' at position {i + 1} in the character class at position {open + 1} has no start; " +
                    "write '\\-' to match '-'";
            case '\\':
                value = ReadRune(pattern, ref i, skip: 1);
                return null;
            default:
                value = ReadRune(pattern, ref i, skip: 0);
                return null;
        }
    }

    private static string Unclosed(int open) =>
        $"'[' at position {open + 1} is never closed; add ']' or write '\\[' to match a bracket";

    private static Rune ReadRune(string pattern, ref int i, int skip)
    {
        i += skip;
        Rune.DecodeFromUtf16(pattern.AsSpan(i), out var value, out var consumed);
        i += consumed;
        return value;
    }
}
