using System.Text;

namespace ImageBuild.References;

/// <summary>
/// The character-level rules of distribution/reference for path components and tags. Each check returns
/// null when the text is valid, or a problem description naming what is wrong and where, so that callers
/// can wrap it with the input they were given. Positions are 1-based offsets into that input.
/// </summary>
internal static class ReferenceGrammar
{
    public const int MaxNameLength = 255;
    public const int MaxTagLength = 128;

    private const string AllowedPathText = "only a-z, 0-9 and the separators '.', '_', '__' and '-' are allowed";

    /// <summary>
    /// Checks <c>[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*</c>. <paramref name="offset"/> is where the component
    /// starts in the caller's input.
    /// </summary>
    public static string? CheckPathComponent(string component, int offset)
    {
        for (var i = 0; i < component.Length; i++)
        {
            var c = component[i];
            if (c is >= 'A' and <= 'Z')
            {
                return $"repository name must be lowercase: '{c}' at position {offset + i + 1} " +
                    $"(use \"{component.ToLowerInvariant()}\")";
            }

            if (!IsLowerAlphanumeric(c) && c is not ('.' or '_' or '-'))
            {
                return $"invalid character {Describe(c)} at position {offset + i + 1} in path component " +
                    $"\"{component}\"; {AllowedPathText}";
            }
        }

        if (!IsLowerAlphanumeric(component[0]))
        {
            return $"path component \"{component}\" must start with a lower-case letter or digit, not '{component[0]}'";
        }

        if (!IsLowerAlphanumeric(component[^1]))
        {
            return $"path component \"{component}\" must end with a lower-case letter or digit, not '{component[^1]}'";
        }

        var start = 0;
        while (start < component.Length)
        {
            if (IsLowerAlphanumeric(component[start]))
            {
                start++;
                continue;
            }

            var end = start;
            while (!IsLowerAlphanumeric(component[end]))
            {
                end++;
            }

            var separator = component[start..end];
            if (!IsValidSeparator(separator))
            {
                return $"invalid separator \"{separator}\" at position {offset + start + 1} in path component " +
                    $"\"{component}\"; between letters and digits use one '.', one or two '_', or any number of '-'";
            }

            start = end;
        }

        return null;
    }

    /// <summary>Checks <c>[\w][\w.-]{0,127}</c> with ASCII <c>\w</c>, as Go's regexp defines it.</summary>
    public static string? CheckTag(string tag, int offset)
    {
        if (tag.Length == 0)
        {
            return "tag is empty; remove the ':' or write a tag after it";
        }

        for (var i = 0; i < tag.Length; i++)
        {
            var c = tag[i];
            if (!IsWordCharacter(c) && c is not ('.' or '-'))
            {
                return $"invalid character {Describe(c)} at position {offset + i + 1} in tag \"{tag}\"; " +
                    "a tag may contain only letters, digits, '_', '.' and '-'";
            }
        }

        if (!IsWordCharacter(tag[0]))
        {
            return $"tag \"{tag}\" must start with a letter, digit or '_', not '{tag[0]}'";
        }

        if (tag.Length > MaxTagLength)
        {
            return $"tag is {tag.Length} characters long; the limit is {MaxTagLength}";
        }

        return null;
    }

    /// <summary>
    /// Docker refuses a bare 64-hex name because it cannot be told apart from an image ID on the command line.
    /// </summary>
    public static bool LooksLikeImageId(string name) =>
        name.Length == 64 && name.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    public static bool IsLowerAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    /// <summary>Renders user input for an error message on one line, escaping control characters.</summary>
    public static string Printable(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return builder.ToString();
    }

    /// <summary>Names a character in a message; invisible ones by code point.</summary>
    public static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c)
        ? $"U+{(int)c:X4}"
        : $"'{c}'";

    private static bool IsWordCharacter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    private static bool IsValidSeparator(string separator) =>
        separator is "." or "_" or "__" || separator.All(c => c == '-');
}
