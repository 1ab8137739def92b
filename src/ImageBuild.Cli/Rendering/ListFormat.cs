using System.Text;
using ImageBuild.Errors;
using ImageBuild.Templates;
using ImageBuild.Templates.Functions;
using ImageBuild.Templates.Values;

namespace ImageBuild.Cli.Rendering;

/// <summary>
/// A list command's --format, read as docker's formatter reads it: "table" (or nothing) is the command's default
/// table, "json" prints <c>{{json .}}</c> per row, a format starting with "table" gets a header row and aligned
/// columns, and anything else is a template printed once per row. Spaces around the template are dropped and the
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
    /// <exception cref="ImageBuildException">The template does not parse (docker: "template parsing error: ...", exit 1).</exception>
    public static ListFormat Parse(string? format, string defaultTableFormat)
    {
        ArgumentNullException.ThrowIfNull(defaultTableFormat);
        var chosen = string.IsNullOrEmpty(format) || format == TableKey ? defaultTableFormat : format;
        var isTable = chosen.StartsWith(TableKey, StringComparison.Ordinal);
        var body = chosen == JsonKey ? "{{json .}}" : isTable ? chosen[TableKey.Length..] : chosen;
        body = body.Trim(' ').Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
        try
        {
            return new ListFormat(GoTemplate.Parse(body, DockerFunctions.Standard), isTable);
        }
        catch (TemplateParseException ex)
        {
            throw TemplateError(ex);
        }
    }

    /// <summary>docker's wording for any failure of a list format, parse or execution alike.</summary>
    public static ImageBuildException TemplateError(TemplateException ex) => new($"template parsing error: {ex.Message}");

    /// <summary>
    /// Renders every row (each followed by a newline); a table starts with the header row, whose cells come from
    /// <paramref name="headers"/> (field name to column title), and is aligned like docker's tabwriter.
    /// Nothing is written when a row fails, so a bad field never leaves half a table behind.
    /// </summary>
    /// <exception cref="ImageBuildException">A row failed, e.g. an unknown field.</exception>
    public void Write(IEnumerable<GoValue> rows, IReadOnlyDictionary<string, string> headers, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(output);
        var body = new StringBuilder();
        using (var rowWriter = new StringWriter(body))
        {
            try
            {
                foreach (var row in rows)
                {
                    Template.Execute(row, rowWriter);
                    rowWriter.Write('\n');
                }
            }
            catch (TemplateExecutionException ex)
            {
                throw TemplateError(ex);
            }
        }

        if (!IsTable)
        {
            output.Write(body.ToString());
            return;
        }

        var table = TabWriter.ForDockerTable();
        table.Write(Header(headers));
        table.Write("\n");
        table.Write(body.ToString());
        table.Flush(output);
    }

    public string Render(IEnumerable<GoValue> rows, IReadOnlyDictionary<string, string> headers)
    {
        using var output = new StringWriter();
        Write(rows, headers, output);
        return output.ToString();
    }

    /// <summary>The header row: the template over the column titles with docker's header functions; an error just ends it.</summary>
    private string Header(IReadOnlyDictionary<string, string> headers)
    {
        var titles = GoMap.OfStrings(GoType.MapOf(GoType.String, GoType.String), headers.Select(h => new KeyValuePair<string, GoValue>(h.Key, GoValue.Of(h.Value))));
        using var output = new StringWriter();
        try
        {
            Template.WithFunctions(DockerFunctions.Header).Execute(titles, output);
        }
        catch (TemplateExecutionException)
        {
            // docker ignores header errors; the rows report the same problem.
        }

        return output.ToString();
    }
}
