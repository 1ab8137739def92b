using System.Text.Json.Nodes;
using ImageBuild.Errors;

namespace ImageBuild.Cli.Rendering;

/// <summary>
/// A parsed Go text/template (the subset docker documents for --format) that runs over JSON data: objects act as
/// Go maps (members by name, printed "map[k:v]" with sorted keys), arrays as slices ("[a b]"), and a missing or null
/// value prints "&lt;no value&gt;". JSON rather than reflection keeps the trimmed tool working. Errors are
/// <see cref="InvalidInputException"/>s of the form <c>template: :LINE:COLUMN: reason</c> (1-based column).
/// The text is parsed as given; the \t and \n escapes of list formats are applied by <see cref="ListFormat"/>.
/// </summary>
internal sealed class GoTemplate
{
    private readonly IReadOnlyList<TemplateNode> _nodes;

    private GoTemplate(string text, IReadOnlyList<TemplateNode> nodes)
    {
        Text = text;
        _nodes = nodes;
    }

    public string Text { get; }

    /// <exception cref="InvalidInputException">The template is malformed or calls an unknown function.</exception>
    public static GoTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return new GoTemplate(text, TemplateParser.Parse(text, TemplateFunctions.Standard.Contains));
        }
        catch (TemplateSyntaxException ex)
        {
            throw ToInvalidInput(text, ex);
        }
    }

    /// <exception cref="InvalidInputException">Evaluation failed, e.g. a function got the wrong type of argument.</exception>
    public void Execute(JsonNode? data, TextWriter output, MissingFieldBehavior missingFields = MissingFieldBehavior.NoValue)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            new TemplateExecutor(TemplateFunctions.Standard, missingFields, output).Execute(_nodes, data);
        }
        catch (TemplateSyntaxException ex)
        {
            throw ToInvalidInput(Text, ex);
        }
    }

    public string Execute(JsonNode? data, MissingFieldBehavior missingFields = MissingFieldBehavior.NoValue)
    {
        using var output = new StringWriter();
        Execute(data, output, missingFields);
        return output.ToString();
    }

    /// <summary>
    /// Runs the template over a field-to-header map with the string functions made identities, as docker renders a
    /// table's header row. Like docker, an error just ends the header where it happened.
    /// </summary>
    internal string ExecuteHeader(JsonObject headers)
    {
        using var output = new StringWriter();
        try
        {
            new TemplateExecutor(TemplateFunctions.Header, MissingFieldBehavior.NoValue, output).Execute(_nodes, headers);
        }
        catch (TemplateSyntaxException)
        {
            // docker ignores header errors; the rows report the same problem with a position.
        }

        return output.ToString();
    }

    private static InvalidInputException ToInvalidInput(string text, TemplateSyntaxException ex)
    {
        var position = Math.Clamp(ex.Position, 0, text.Length);
        var lineStart = position == 0 ? 0 : text.LastIndexOf('\n', position - 1) + 1;
        var line = 1 + text.AsSpan(0, position).Count('\n');
        var column = position - lineStart + 1;
        var reason = ex.Reason.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return new InvalidInputException($"template: :{line}:{column}: {reason}");
    }
}
