using System.Globalization;
using System.Text;
using ImageBuild.Templates.Formatting;
using ImageBuild.Templates.Values;

namespace ImageBuild.Templates.Json;

/// <summary>
/// Go's encoding/json Marshal of a <see cref="GoValue"/>: json tags and omitempty, promoted fields of embedded
/// structs, map keys sorted, json.Marshaler types (time.Time, json.Number, ...) writing their own text, and strings
/// escaped as Go escapes them (HTML characters only when asked, as json.Marshal does and docker's json function not).
/// </summary>
public static class GoJsonWriter
{
    /// <summary>The JSON text, or null where Go fails (NaN and infinities).</summary>
    public static string? Marshal(GoValue? value, bool escapeHtml)
    {
        var text = new StringBuilder();
        return Write(text, value, escapeHtml) ? text.ToString() : null;
    }

    /// <summary>A JSON string literal as encoding/json writes it.</summary>
    public static string Quote(string value, bool escapeHtml)
    {
        var text = new StringBuilder();
        WriteString(text, value, escapeHtml);
        return text.ToString();
    }

    private static bool Write(StringBuilder text, GoValue? value, bool escapeHtml)
    {
        if (value is not null && value.Type.JsonMarshaler is { } marshaler && value is not GoPointer { IsNil: true })
        {
            text.Append(marshaler(value, escapeHtml));
            return true;
        }

        switch (value)
        {
            case null:
                text.Append("null");
                return true;
            case GoBool b:
                text.Append(b.Value ? "true" : "false");
                return true;
            case GoInt i:
                text.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                return true;
            case GoUint u:
                text.Append(u.Value.ToString(CultureInfo.InvariantCulture));
                return true;
            case GoFloat f:
                if (!double.IsFinite(f.Value))
                {
                    return false;
                }

                text.Append(GoFloatFormatter.FormatJson(f.Value));
                return true;
            case GoString s:
                WriteString(text, s.Value, escapeHtml);
                return true;
            case GoPointer p:
                return p.Target is null ? Append(text, "null") : Write(text, p.Target, escapeHtml);
            case GoInterface iface:
                return Write(text, iface.Dynamic, escapeHtml);
            case GoSlice slice:
                return WriteSlice(text, slice, escapeHtml);
            case GoMap map:
                return WriteMap(text, map, escapeHtml);
            case GoStruct structure:
                text.Append('{');
                var first = true;
                var ok = WriteFields(text, structure, escapeHtml, ref first);
                text.Append('}');
                return ok;
            default:
                text.Append("null");
                return true;
        }
    }

    private static bool Append(StringBuilder text, string literal)
    {
        text.Append(literal);
        return true;
    }

    private static bool WriteSlice(StringBuilder text, GoSlice slice, bool escapeHtml)
    {
        if (slice.IsNil)
        {
            text.Append("null");
            return true;
        }

        text.Append('[');
        for (var i = 0; i < slice.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            if (!Write(text, slice.Items![i], escapeHtml))
            {
                return false;
            }
        }

        text.Append(']');
        return true;
    }

    private static bool WriteMap(StringBuilder text, GoMap map, bool escapeHtml)
    {
        if (map.IsNil)
        {
            text.Append("null");
            return true;
        }

        text.Append('{');
        var first = true;
        foreach (var (key, item) in GoValues.SortedEntries(map))
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            WriteString(text, KeyText(key), escapeHtml);
            text.Append(':');
            if (!Write(text, item, escapeHtml))
            {
                return false;
            }
        }

        text.Append('}');
        return true;
    }

    private static string KeyText(GoValue key) => GoValues.IndirectInterface(key) switch
    {
        GoString s => s.Value,
        GoInt i => i.Value.ToString(CultureInfo.InvariantCulture),
        GoUint u => u.Value.ToString(CultureInfo.InvariantCulture),
        _ => string.Empty,
    };

    private static bool WriteFields(StringBuilder text, GoStruct structure, bool escapeHtml, ref bool first)
    {
        var fields = structure.Type.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var fieldValue = structure.Fields[i];
            if (field.JsonName == GoField.JsonSkip)
            {
                continue;
            }

            if (field.Embedded && field.JsonName is null)
            {
                if (GoValues.Indirect(fieldValue).Value is GoStruct inner && !GoValues.Indirect(fieldValue).IsNil
                    && !WriteFields(text, inner, escapeHtml, ref first))
                {
                    return false;
                }

                continue;
            }

            if (!field.IsExported || (field.OmitEmpty && IsEmpty(fieldValue)))
            {
                continue;
            }

            if (!first)
            {
                text.Append(',');
            }

            first = false;
            WriteString(text, field.JsonKey, escapeHtml);
            text.Append(':');
            if (!Write(text, fieldValue, escapeHtml))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>omitempty's test: false, 0, "", and nil or empty slices, maps, pointers and interfaces.</summary>
    private static bool IsEmpty(GoValue value) => value switch
    {
        GoBool b => !b.Value,
        GoInt i => i.Value == 0,
        GoUint u => u.Value == 0,
        GoFloat f => f.Value == 0,
        GoString s => s.Value.Length == 0,
        GoSlice slice => slice.Count == 0,
        GoMap map => map.Count == 0,
        GoPointer p => p.IsNil,
        GoInterface iface => iface.IsNil,
        _ => false,
    };

    private static void WriteString(StringBuilder text, string value, bool escapeHtml)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    continue;
                case '\\':
                    text.Append("\\\\");
                    continue;
                case '\n':
                    text.Append("\\n");
                    continue;
                case '\r':
                    text.Append("\\r");
                    continue;
                case '\t':
                    text.Append("\\t");
                    continue;
                case '\b':
                    text.Append("\\b");
                    continue;
                case '\f':
                    text.Append("\\f");
                    continue;
            }

            if (c < ' ' || c is '\u2028' or '\u2029' || (escapeHtml && c is '<' or '>' or '&'))
            {
                text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                // A byte of invalid UTF-8 (see GoText), which Go replaces.
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
