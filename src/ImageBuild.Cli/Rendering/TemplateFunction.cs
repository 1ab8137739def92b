using System.Text.Json.Nodes;

namespace ImageBuild.Cli.Rendering;

/// <summary>A template function with Go's argument count and type checks (and Go's wording when they fail).</summary>
internal sealed class TemplateFunction
{
    private readonly IReadOnlyList<TemplateParameter> _parameters;
    private readonly Func<IReadOnlyList<JsonNode?>, object?> _body;
    private readonly bool _variadic;

    public TemplateFunction(IReadOnlyList<TemplateParameter> parameters, Func<IReadOnlyList<JsonNode?>, object?> body, bool variadic = false)
    {
        _parameters = parameters;
        _body = body;
        _variadic = variadic;
    }

    public JsonNode? Invoke(string name, IReadOnlyList<JsonNode?> arguments)
    {
        if (_variadic ? arguments.Count < _parameters.Count : arguments.Count != _parameters.Count)
        {
            var want = _variadic ? $"at least {_parameters.Count}" : _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new TemplateFunctionException($"wrong number of args for {name}: want {want} got {arguments.Count}");
        }

        for (var i = 0; i < _parameters.Count; i++)
        {
            Check(_parameters[i], arguments[i]);
        }

        return _body(arguments) switch
        {
            null => null,
            JsonNode node => node,
            string text => JsonValue.Create(text),
            bool flag => JsonValue.Create(flag),
            long integer => JsonValue.Create(integer),
            var other => throw new InvalidOperationException($"template function {name} returned {other.GetType()}"),
        };
    }

    private static void Check(TemplateParameter parameter, JsonNode? argument)
    {
        var ok = parameter switch
        {
            TemplateParameter.String => GoValue.IsString(argument, out _),
            TemplateParameter.Int => GoValue.TryGetInteger(argument, out var integer) && integer is >= int.MinValue and <= int.MaxValue,
            TemplateParameter.StringList => argument is JsonArray array && array.All(item => GoValue.IsString(item, out _)),
            _ => true,
        };
        if (ok)
        {
            return;
        }

        var expected = parameter switch
        {
            TemplateParameter.String => "string",
            TemplateParameter.Int => "int",
            _ => "[]string",
        };
        throw new TemplateFunctionException(argument is null
            ? $"invalid value; expected {expected}"
            : $"wrong type for value; expected {expected}; got {GoValue.TypeName(argument)}");
    }
}
