using System.Text;

namespace ImageBuild.Registry.Http;

/// <summary>A cursor over an HTTP header value: tokens, quoted strings, separators (RFC 7230 section 3.2.6).</summary>
internal ref struct HeaderTokenReader(string text)
{
    private int position;

    public readonly bool AtEnd => position >= text.Length;

    public readonly char Peek => AtEnd ? '\0' : text[position];

    public void SkipOne() => position++;

    public void SkipSpaces()
    {
        while (!AtEnd && text[position] is ' ' or '\t')
        {
            position++;
        }
    }

    public void SkipSeparators()
    {
        while (!AtEnd && text[position] is ' ' or '\t' or ',')
        {
            position++;
        }
    }

    /// <summary>Reads a token: everything up to a space, comma, equals sign, quote or semicolon.</summary>
    public string ReadToken()
    {
        var start = position;
        while (!AtEnd && !IsDelimiter(text[position]))
        {
            position++;
        }

        return text[start..position];
    }

    /// <summary>Reads <c>"..."</c> with backslash escapes; an unterminated string runs to the end.</summary>
    public string ReadQuoted()
    {
        var value = new StringBuilder();
        position++;
        while (!AtEnd && text[position] != '"')
        {
            if (text[position] == '\\' && position + 1 < text.Length)
            {
                position++;
            }

            value.Append(text[position]);
            position++;
        }

        position++;
        return value.ToString();
    }

    private static bool IsDelimiter(char c) => c is ' ' or '\t' or ',' or '=' or '"' or ';';
}
