using System.Text;
using ImageBuild.Templates.Json;
using ImageBuild.Templates.Values;

namespace ImageBuild.Cli.Rendering.Docker;

/// <summary>
/// The row type of one of docker's list formatters (<c>*formatter.imageContext</c> and the like): its template fields
/// are methods, so <c>{{.NoSuch}}</c> fails with "can't evaluate field NoSuch in type *formatter.imageContext", and
/// <c>{{json .}}</c> gives every method's value with keys sorted and HTML escaped, as docker's MarshalJSON does.
/// </summary>
internal sealed class FormatterContext
{
    private readonly GoType type;

    /// <param name="typeName">The Go struct's name, such as <c>formatter.imageContext</c>.</param>
    /// <param name="fields">The method names, in the order <see cref="Row"/> takes their values.</param>
    public FormatterContext(string typeName, IReadOnlyList<string> fields)
    {
        Fields = fields;
        var methods = fields.Select((name, i) => new GoMethod(name, [], GoType.String, (receiver, _) => ((GoStruct)receiver).Fields[i])).ToList();
        type = GoType.Struct(typeName, fields.Select((_, i) => new GoField("v" + i, GoType.String)).ToList(), methods, jsonMarshaler: MarshalJson);
    }

    public IReadOnlyList<string> Fields { get; }

    /// <summary>One row: a pointer to the struct, as docker passes its contexts.</summary>
    public GoValue Row(params string[] values)
    {
        if (values.Length != Fields.Count)
        {
            throw new ArgumentException($"{type} takes {Fields.Count} values", nameof(values));
        }

        return GoPointer.To(new GoStruct(type, values.Select(GoValue.Of).ToList()));
    }

    private string MarshalJson(GoValue value, bool escapeHtml)
    {
        var row = (GoStruct)value;
        var json = new StringBuilder("{");
        foreach (var (name, index) in Fields.Select((name, i) => (name, i)).OrderBy(f => f.name, StringComparer.Ordinal))
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }

            // docker's MarshalJSON goes through json.Marshal, which escapes HTML whatever its caller asked.
            json.Append(GoJsonWriter.Quote(name, escapeHtml: true)).Append(':').Append(GoJsonWriter.Marshal(row.Fields[index], escapeHtml: true));
        }

        return json.Append('}').ToString();
    }
}
