using System.Text;

namespace ImageBuild.Cli.Rendering;

/// <summary>
/// Go's <c>json.Indent(dst, src, "", indent)</c>, as docker formats manifests (a tab) and inspect output (four
/// spaces): only whitespace changes, so member order, numbers and string escapes stay exactly as sent. Empty objects
/// and arrays stay <c>{}</c> and <c>[]</c>, a colon is followed by one space, and each level is one indent deeper.
/// </summary>
internal static class GoJsonIndent
{
    public static string Indent(ReadOnlySpan<byte> json, string indent = "\t")
    {
        var text = Encoding.UTF8.GetString(json);
        var output = new StringBuilder(text.Length + (text.Length / 4));
        var depth = 0;
        var inString = false;
        var escaped = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                output.Append(c);
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case ' ' or '\t' or '\r' or '\n':
                    break;
                case '"':
                    inString = true;
                    output.Append(c);
                    break;
                case '{' or '[':
                    output.Append(c);
                    var next = NextSignificant(text, i + 1);
                    if (next < text.Length && text[next] is '}' or ']')
                    {
                        // Go keeps an empty object or array on one line.
                        output.Append(text[next]);
                        i = next;
                    }
                    else
                    {
                        NewLine(output, ++depth, indent);
                    }

                    break;
                case '}' or ']':
                    NewLine(output, --depth, indent);
                    output.Append(c);
                    break;
                case ',':
                    output.Append(c);
                    NewLine(output, depth, indent);
                    break;
                case ':':
                    output.Append(": ");
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }

        return output.ToString();
    }

    private static int NextSignificant(string text, int start)
    {
        var i = start;
        while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n')
        {
            i++;
        }

        return i;
    }

    private static void NewLine(StringBuilder output, int depth, string indent)
    {
        output.Append('\n');
        for (var i = 0; i < depth; i++)
        {
            output.Append(indent);
        }
    }
}
