using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageBuild.Cli.Rendering;

/// <summary>
/// Compact JSON exactly as docker's <c>json</c> template function prints it (Go's encoder with HTML escaping off):
/// no spaces, object members in their order, only quotes, backslashes, control characters and U+2028/U+2029 escaped.
/// </summary>
internal static class GoJson
{
    public static string Marshal(JsonNode? value)
    {
        var text = new StringBuilder();
        Write(text, value);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Write(text, array[i]);
                }

                text.Append(']');
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (key, item) in obj)
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    WriteString(text, key);
                    text.Append(':');
                    Write(text, item);
                }

                text.Append('}');
                break;
            case JsonValue scalar:
                WriteScalar(text, scalar);
                break;
        }
    }

    private static void WriteScalar(StringBuilder text, JsonValue scalar)
    {
        switch (scalar.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(text, scalar.GetValue<string>());
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Number:
                text.Append(GoValue.TryGetInteger(scalar, out var integer)
                    ? integer.ToString(CultureInfo.InvariantCulture)
                    : GoFloat.FormatJson(GoValue.AsDouble(scalar)));
                break;
            default:
                text.Append("null");
                break;
        }
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var shortEscape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ => null,
            };
            if (shortEscape is not null)
            {
                text.Append(shortEscape);
            }
            else if (c < ' ' || c is '\u2028' or '\u2029')
            {
                text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                // Go replaces invalid UTF-8 with U+FFFD; a lone surrogate is the UTF-16 equivalent.
                text.Append("\\ufffd");
            }
            else
            {
                text.Append(c);
            }
        }

        text.Append('"');
    }
}
