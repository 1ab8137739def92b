using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageBuild.Cli.Rendering;

/// <summary>Go's eq/lt semantics: basic values of the same kind compare; mixing kinds is an error.</summary>
internal static class TemplateComparison
{
    private enum Kind
    {
        Invalid,
        Bool,
        Int,
        Float,
        String,
        Composite,
    }

    public static bool Equal(string function, JsonNode? left, JsonNode? right)
    {
        var (leftKind, rightKind) = (KindOf(left), KindOf(right));
        if (leftKind != rightKind)
        {
            return left is null || right is null ? false : throw Fail(function, "incompatible types for comparison");
        }

        return leftKind switch
        {
            Kind.Invalid => true,
            Kind.Bool => left!.GetValueKind() == right!.GetValueKind(),
            Kind.Int or Kind.Float => GoValue.AsDouble((JsonValue)left!) == GoValue.AsDouble((JsonValue)right!) && IntegersEqual(left, right),
            Kind.String => GoValue.IsString(left, out var a) && GoValue.IsString(right, out var b) && string.Equals(a, b, StringComparison.Ordinal),
            _ => throw Fail(function, $"non-comparable type {GoValue.ToText(left)}: {GoValue.TypeName(left)}"),
        };
    }

    public static bool Less(string function, JsonNode? left, JsonNode? right)
    {
        var (leftKind, rightKind) = (KindOf(left), KindOf(right));
        if (leftKind is Kind.Invalid or Kind.Composite || rightKind is Kind.Invalid or Kind.Composite)
        {
            throw Fail(function, "invalid type for comparison");
        }

        if (leftKind != rightKind)
        {
            throw Fail(function, "incompatible types for comparison");
        }

        return leftKind switch
        {
            Kind.Int => GoValue.TryGetInteger(left, out var a) & GoValue.TryGetInteger(right, out var b) && a < b,
            Kind.Float => GoValue.AsDouble((JsonValue)left!) < GoValue.AsDouble((JsonValue)right!),
            Kind.String => GoValue.IsString(left, out var x) & GoValue.IsString(right, out var y) && string.CompareOrdinal(x, y) < 0,
            _ => throw Fail(function, "invalid type for comparison"),
        };
    }

    public static bool LessOrEqual(string function, JsonNode? left, JsonNode? right) =>
        Less(function, left, right) || Equal(function, left, right);

    private static bool IntegersEqual(JsonNode? left, JsonNode? right) =>
        !GoValue.TryGetInteger(left, out var a) || !GoValue.TryGetInteger(right, out var b) || a == b;

    private static Kind KindOf(JsonNode? value) => value switch
    {
        null => Kind.Invalid,
        JsonArray or JsonObject => Kind.Composite,
        _ => value.GetValueKind() switch
        {
            JsonValueKind.True or JsonValueKind.False => Kind.Bool,
            JsonValueKind.String => Kind.String,
            JsonValueKind.Number => GoValue.TryGetInteger(value, out _) ? Kind.Int : Kind.Float,
            _ => Kind.Invalid,
        },
    };

    private static TemplateFunctionException Fail(string function, string reason) => new($"error calling {function}: {reason}");
}
