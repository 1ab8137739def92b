using System.Globalization;
using System.Text;
using ImageBuild.Templates.Formatting;
using ImageBuild.Templates.Json;
using ImageBuild.Templates.Text;
using ImageBuild.Templates.Values;

namespace ImageBuild.Templates.Functions;

/// <summary>
/// The functions docker's CLI adds to Go's (docker/cli templates.go): json, split, join, title, lower, upper, pad and
/// truncate, with their Go signatures and Go's behaviour (truncate and pad count bytes; a negative count is Go's panic
/// reported as an error). <see cref="Header"/> is docker's set for table headers, which leaves column names as they are.
/// </summary>
public static class DockerFunctions
{
    private static readonly GoType S = GoType.String;
    private static readonly GoType I = GoType.Int;

    public static IReadOnlyDictionary<string, TemplateFunction> Standard { get; } = Build(
        new("json", [TemplateFunction.Any], a => GoValue.Of(Json(a[0]))),
        new("split", [S, S], a => GoValue.Of(Split(Text(a[0]), Text(a[1])))),
        new("join", [GoType.StringSlice, S], a => GoValue.Of(string.Join(Text(a[1]), Strings(a[0])))),
        new("title", [S], a => GoValue.Of(GoStrings.Title(Text(a[0])))),
        new("lower", [S], a => GoValue.Of(GoStrings.ToLower(Text(a[0])))),
        new("upper", [S], a => GoValue.Of(GoStrings.ToUpper(Text(a[0])))),
        new("pad", [S, I, I], a => GoValue.Of(Pad(Text(a[0]), Int(a[1]), Int(a[2])))),
        new("truncate", [S, I], a => GoValue.Of(Truncate(Text(a[0]), Int(a[1])))));

    /// <summary>docker's HeaderFunctions: the string functions give back their first argument; pad is kept for alignment.</summary>
    public static IReadOnlyDictionary<string, TemplateFunction> Header { get; } = Build(
        new("json", [S], a => a[0]),
        new("split", [S, S], a => a[0]),
        new("join", [S, S], a => a[0]),
        new("title", [S], a => a[0]),
        new("lower", [S], a => a[0]),
        new("upper", [S], a => a[0]),
        new("pad", [S, I, I], a => GoValue.Of(Pad(Text(a[0]), Int(a[1]), Int(a[2])))),
        new("truncate", [S, I], a => a[0]));

    /// <summary>docker's json function: encoding/json without HTML escaping, trailing newline trimmed ("" when Go fails).</summary>
    public static string Json(GoValue? value) => GoJsonWriter.Marshal(value, escapeHtml: false) ?? string.Empty;

    private static Dictionary<string, TemplateFunction> Build(params TemplateFunction[] functions) =>
        functions.ToDictionary(f => f.Name, StringComparer.Ordinal);

    private static string Text(GoValue? value) => ((GoString)value!).Value;

    private static long Int(GoValue? value) => ((GoInt)value!).Value;

    private static IEnumerable<string> Strings(GoValue? value) => ((GoSlice)value!).Items?.Select(Text) ?? [];

    /// <summary>strings.Split: an empty separator splits after each UTF-8 sequence.</summary>
    private static List<string> Split(string text, string separator)
    {
        if (separator.Length > 0)
        {
            return [.. text.Split(separator)];
        }

        return GoText.Runes(text).Select(r => r.Text).ToList();
    }

    private static string Pad(string text, long prefix, long suffix)
    {
        if (text.Length == 0)
        {
            return text;
        }

        if (prefix < 0 || suffix < 0)
        {
            throw new TemplateFunctionError("strings: negative Repeat count");
        }

        return new string(' ', (int)Math.Min(prefix, int.MaxValue / 2)) + text + new string(' ', (int)Math.Min(suffix, int.MaxValue / 2));
    }

    /// <summary>docker's truncate: the first <paramref name="length"/> bytes, which may cut a character in two.</summary>
    private static string Truncate(string text, long length)
    {
        var bytes = GoText.ToBytes(text);
        if (bytes.Length < length)
        {
            return text;
        }

        return length < 0
            ? throw new TemplateFunctionError(string.Create(CultureInfo.InvariantCulture, $"runtime error: slice bounds out of range [:{length}]"))
            : GoText.FromBytes(bytes.AsSpan(0, (int)length));
    }
}
