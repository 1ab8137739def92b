using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageBuild.Cli.Rendering;

/// <summary>
/// How Go sees a template value: its %v text, its truthiness and its type name. Template data is a JSON tree
/// (objects act as Go maps, arrays as slices), which needs no reflection and survives trimming.
/// </summary>
internal static class GoValue
{
    /// <summary>What an action such as <c>{{.X}}</c> prints: a missing or null value is "&lt;no value&gt;".</summary>
    public static string ToActionText(JsonNode? value) => value is null ? "<no value>" : ToText(value);

    /// <summary>fmt's %v: nested nulls are "&lt;nil&gt;", arrays "[a b]", objects "map[k:v]" with sorted keys.</summary>
    public static string ToText(JsonNode? value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    public static bool IsTrue(JsonNode? value) => value switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject obj => obj.Count > 0,
        JsonValue scalar => scalar.GetValueKind() switch
        {
            JsonValueKind.String => scalar.GetValue<string>().Length > 0,
            JsonValueKind.True => true,
            JsonValueKind.Number => AsDouble(scalar) != 0,
            _ => false,
        },
        _ => false,
    };

    public static string TypeName(JsonNode? value) => value switch
    {
        null => "<nil>",
        JsonArray => "[]interface {}",
        JsonObject => "map[string]interface {}",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "bool",
            JsonValueKind.Number => TryGetInteger(value, out _) ? "int" : "float64",
            _ => "<nil>",
        },
    };

    public static bool IsString(JsonNode? value, out string text)
    {
        if (value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String)
        {
            text = scalar.GetValue<string>();
            return true;
        }

        text = string.Empty;
        return false;
    }

    /// <summary>A JSON number whose text is an integer (as Go's int fields marshal) fitting in 64 bits.</summary>
    public static bool TryGetInteger(JsonNode? value, out long integer)
    {
        integer = 0;
        return value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.Number && !IsFloatConstant(scalar)
            && long.TryParse(scalar.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out integer);
    }

    /// <summary>A float made in code (a template constant such as 1e6) stays a float even when it is whole, as in Go.</summary>
    private static bool IsFloatConstant(JsonValue scalar) =>
        !scalar.TryGetValue<JsonElement>(out _) && (scalar.TryGetValue<double>(out _) || scalar.TryGetValue<float>(out _) || scalar.TryGetValue<decimal>(out _));

    public static double AsDouble(JsonValue number) =>
        double.Parse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static void Append(StringBuilder text, JsonNode? value)
    {
        switch (value)
        {
            case null:
                text.Append("<nil>");
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(' ');
                    }

                    Append(text, array[i]);
                }

                text.Append(']');
                break;
            case JsonObject obj:
                text.Append("map[");
                var first = true;
                foreach (var (key, item) in SortedEntries(obj))
                {
                    if (!first)
                    {
                        text.Append(' ');
                    }

                    first = false;
                    text.Append(key).Append(':');
                    Append(text, item);
                }

                text.Append(']');
                break;
            case JsonValue scalar:
                text.Append(ScalarText(scalar));
                break;
        }
    }

    /// <summary>Go iterates and prints maps in key order.</summary>
    public static IEnumerable<KeyValuePair<string, JsonNode?>> SortedEntries(JsonObject obj) =>
        obj.OrderBy(entry => entry.Key, StringComparer.Ordinal);

    private static string ScalarText(JsonValue scalar) => scalar.GetValueKind() switch
    {
        JsonValueKind.String => scalar.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => TryGetInteger(scalar, out var integer)
            ? integer.ToString(CultureInfo.InvariantCulture)
            : GoFloat.FormatShortest(AsDouble(scalar)),
        _ => "<nil>",
    };
}
