using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageBuild.Cli.Rendering;

/// <summary>
/// The functions a --format template can call: docker's (json, split, join, title, lower, upper, pad, truncate) and
/// Go's built-ins (len, index, print, println, not, and, or, eq, ne, lt, le, gt, ge). The header set replaces the
/// string functions with identities so a table header shows the column names unchanged, as docker does.
/// </summary>
internal sealed class TemplateFunctions
{
    private readonly IReadOnlyDictionary<string, TemplateFunction> _functions;

    private TemplateFunctions(IReadOnlyDictionary<string, TemplateFunction> functions)
    {
        _functions = functions;
    }

    public static TemplateFunctions Standard { get; } = new(CreateStandard());

    public static TemplateFunctions Header { get; } = new(CreateHeader());

    /// <summary>Functions whose arguments are evaluated one by one, stopping at the first that decides the result.</summary>
    public static bool IsShortCircuit(string name) => name is "and" or "or";

    public bool Contains(string name) => _functions.ContainsKey(name) || IsShortCircuit(name);

    public JsonNode? Invoke(string name, IReadOnlyList<JsonNode?> arguments) => _functions[name].Invoke(name, arguments);

    private static Dictionary<string, TemplateFunction> CreateStandard() => new(StringComparer.Ordinal)
    {
        ["json"] = new([TemplateParameter.Any], a => GoJson.Marshal(a[0])),
        ["split"] = new([TemplateParameter.String, TemplateParameter.String], a => Split(Text(a[0]), Text(a[1]))),
        ["join"] = new([TemplateParameter.StringList, TemplateParameter.String], a => string.Join(Text(a[1]), ((JsonArray)a[0]!).Select(item => Text(item)))),
        ["title"] = new([TemplateParameter.String], a => GoStrings.Title(Text(a[0]))),
        ["lower"] = new([TemplateParameter.String], a => Text(a[0]).ToLowerInvariant()),
        ["upper"] = new([TemplateParameter.String], a => Text(a[0]).ToUpperInvariant()),
        ["pad"] = new([TemplateParameter.String, TemplateParameter.Int, TemplateParameter.Int], a => Pad(Text(a[0]), Int(a[1]), Int(a[2]))),
        ["truncate"] = new([TemplateParameter.String, TemplateParameter.Int], a => GoStrings.Truncate(Text(a[0]), Int(a[1]))),
        ["len"] = new([TemplateParameter.Any], a => Length(a[0])),
        ["index"] = new([TemplateParameter.Any], TemplateIndexing.Index, variadic: true),
        ["print"] = new([], a => GoStrings.Sprint(a), variadic: true),
        ["println"] = new([], a => string.Join(' ', a.Select(GoValue.ToText)) + "\n", variadic: true),
        ["not"] = new([TemplateParameter.Any], a => !GoValue.IsTrue(a[0])),
        ["eq"] = new([TemplateParameter.Any, TemplateParameter.Any], a => a.Skip(1).Any(other => TemplateComparison.Equal("eq", a[0], other)), variadic: true),
        ["ne"] = new([TemplateParameter.Any, TemplateParameter.Any], a => !TemplateComparison.Equal("ne", a[0], a[1])),
        ["lt"] = new([TemplateParameter.Any, TemplateParameter.Any], a => TemplateComparison.Less("lt", a[0], a[1])),
        ["le"] = new([TemplateParameter.Any, TemplateParameter.Any], a => TemplateComparison.LessOrEqual("le", a[0], a[1])),
        ["gt"] = new([TemplateParameter.Any, TemplateParameter.Any], a => !TemplateComparison.LessOrEqual("gt", a[0], a[1])),
        ["ge"] = new([TemplateParameter.Any, TemplateParameter.Any], a => !TemplateComparison.Less("ge", a[0], a[1])),
    };

    private static Dictionary<string, TemplateFunction> CreateHeader()
    {
        var functions = CreateStandard();
        var identity = new TemplateFunction([TemplateParameter.String], a => Text(a[0]));
        var firstOfTwo = new TemplateFunction([TemplateParameter.String, TemplateParameter.String], a => Text(a[0]));
        functions["json"] = identity;
        functions["title"] = identity;
        functions["lower"] = identity;
        functions["upper"] = identity;
        functions["split"] = firstOfTwo;
        functions["join"] = firstOfTwo;
        functions["truncate"] = new([TemplateParameter.String, TemplateParameter.Int], a => Text(a[0]));
        return functions;
    }

    private static string Text(JsonNode? value) => GoValue.IsString(value, out var text) ? text : string.Empty;

    private static int Int(JsonNode? value)
    {
        GoValue.TryGetInteger(value, out var integer);
        return (int)Math.Clamp(integer, int.MinValue, int.MaxValue);
    }

    /// <summary>Go's strings.Split: an empty separator splits after each character, an empty text gives [""].</summary>
    private static JsonNode Split(string text, string separator)
    {
        var parts = separator.Length == 0
            ? text.EnumerateRunes().Select(rune => rune.ToString())
            : text.Split(separator);
        return new JsonArray([.. parts.Select(part => (JsonNode?)JsonValue.Create(part))]);
    }

    /// <summary>docker's pad: spaces on both sides, but an empty text stays empty.</summary>
    private static string Pad(string text, int left, int right) =>
        text.Length == 0 ? text : new string(' ', Math.Max(left, 0)) + text + new string(' ', Math.Max(right, 0));

    private static long Length(JsonNode? value) => value switch
    {
        JsonArray array => array.Count,
        JsonObject obj => obj.Count,
        _ when GoValue.IsString(value, out var text) => Encoding.UTF8.GetByteCount(text),
        null => throw new TemplateFunctionException("error calling len: len of nil pointer"),
        _ => throw new TemplateFunctionException(string.Create(CultureInfo.InvariantCulture, $"error calling len: len of type {GoValue.TypeName(value)}")),
    };
}
