using System.Text;
using System.Text.Json.Nodes;

namespace ImageBuild.Cli.Rendering;

/// <summary>
/// A list command's --format, read as docker reads it: "table" (or nothing) is the command's default table,
/// "json" prints <c>{{json .}}</c> per row, a format starting with "table" gets a header row and aligned columns,
/// and anything else is a template printed once per row. Spaces around the template are dropped and the
/// two-character escapes \t and \n become a tab and a newline before parsing.
/// </summary>
internal sealed class ListFormat
{
    private const string TableKey = "table";
    private const string JsonKey = "json";

    private ListFormat(GoTemplate template, bool isTable)
    {
        Template = template;
        IsTable = isTable;
    }

    public GoTemplate Template { get; }

    public bool IsTable { get; }

    /// <param name="format">The user's --format, or null.</param>
    /// <param name="defaultTableFormat">The command's table, e.g. "table {{.Repository}}\t{{.Tag}}\t{{.ID}}".</param>
    /// <exception cref="ImageBuild.Errors.InvalidInputException">The template does not parse.</exception>
    public static ListFormat Parse(string? format, string defaultTableFormat)
    {
        ArgumentNullException.ThrowIfNull(defaultTableFormat);
        var chosen = string.IsNullOrEmpty(format) || format == TableKey ? defaultTableFormat : format;
        var isTable = chosen.StartsWith(TableKey, StringComparison.Ordinal);
        var body = chosen == JsonKey ? "{{json .}}" : isTable ? chosen[TableKey.Length..] : chosen;
        body = body.Trim(' ').Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
        return new ListFormat(GoTemplate.Parse(body), isTable);
    }

    /// <summary>
    /// Renders every row (each followed by a newline); a table starts with the header row, whose cells come from
    /// <paramref name="headers"/> (field name to column title), and is aligned like docker's tabwriter.
    /// Nothing is written when a row fails, so a bad field never leaves half a table behind.
    /// </summary>
    /// <exception cref="ImageBuild.Errors.InvalidInputException">A row failed, e.g. an unknown field.</exception>
    public void Write(IEnumerable<JsonNode?> rows, IReadOnlyDictionary<string, string> headers, TextWriter output,
        MissingFieldBehavior missingFields = MissingFieldBehavior.Error)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(output);
        var body = new StringBuilder();
        using (var rowWriter = new StringWriter(body))
        {
            foreach (var row in rows)
            {
                Template.Execute(row, rowWriter, missingFields);
                rowWriter.Write('\n');
            }
        }

        if (!IsTable)
        {
            output.Write(body.ToString());
            return;
        }

        var headerRow = new JsonObject();
        foreach (var (field, title) in headers)
        {
            headerRow[field] = title;
        }

        var table = TabWriter.ForDockerTable();
        table.Write(Template.ExecuteHeader(headerRow));
        table.Write("\n");
        table.Write(body.ToString());
        table.Flush(output);
    }

    public string Render(IEnumerable<JsonNode?> rows, IReadOnlyDictionary<string, string> headers,
        MissingFieldBehavior missingFields = MissingFieldBehavior.Error)
    {
        using var output = new StringWriter();
        Write(rows, headers, output, missingFields);
        return output.ToString();
    }
}
