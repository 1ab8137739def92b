using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ImageBuild.IntegrationTests.SideBySide;

/// <summary>Normalisations for comparing docker's output with ours where a value is storage-specific by design.</summary>
public static partial class SideBySideText
{
    /// <summary>Sizes ("32B", "10.9kB") become "SIZE" and the columns they pad are closed up, so tables compare.</summary>
    public static string MaskSizes(string text) => Spaces().Replace(Size().Replace(text, "SIZE"), " ");

    /// <summary>
    /// inspect's JSON with the storage-specific values masked: Size and VirtualSize (docker counts unpacked bytes,
    /// the store compressed ones) and the graph driver's name (docker's storage driver; the store has none).
    /// </summary>
    public static string MaskInspect(string json) =>
        GraphDriverName().Replace(ByteCount().Replace(json, "$1SIZE"), "$1DRIVER");

    /// <summary>The lines of <paramref name="text"/> sorted, for output whose order docker does not fix.</summary>
    public static string SortedLines(string text) => string.Join('\n', text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

    /// <summary>
    /// The shape of JSON output: for each document (one per line, or one in all), its member names and value kinds
    /// in order, recursively; values are not compared.
    /// </summary>
    public static string JsonShape(string text)
    {
        var shape = new StringBuilder();
        foreach (var document in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(document);
            Describe(json.RootElement, shape);
            shape.Append('\n');
        }

        return shape.ToString();
    }

    private static void Describe(JsonElement element, StringBuilder shape)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                shape.Append('{');
                foreach (var member in element.EnumerateObject())
                {
                    shape.Append(member.Name).Append(':');
                    Describe(member.Value, shape);
                    shape.Append(',');
                }

                shape.Append('}');
                break;
            case JsonValueKind.Array:
                shape.Append('[');
                foreach (var item in element.EnumerateArray())
                {
                    Describe(item, shape);
                    shape.Append(',');
                }

                shape.Append(']');
                break;
            default:
                shape.Append(element.ValueKind);
                break;
        }
    }

    [GeneratedRegex(@"\b\d+(\.\d+)?(e\+\d+)?(B|kB|MB|GB)\b")]
    private static partial Regex Size();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(""(?:Size|VirtualSize)"": ?)\d+")]
    private static partial Regex ByteCount();

    [GeneratedRegex(@"(""GraphDriver"": ?\{\s*""Data"": ?null,\s*""Name"": ?)""[^""]*""")]
    private static partial Regex GraphDriverName();
}
