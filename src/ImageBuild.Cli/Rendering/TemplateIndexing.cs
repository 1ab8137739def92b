using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageBuild.Cli.Rendering;

/// <summary>Go's <c>index</c> built-in: <c>index X 1 "key"</c> is X[1]["key"]; a missing map key gives no value.</summary>
internal static class TemplateIndexing
{
    public static object? Index(IReadOnlyList<JsonNode?> arguments)
    {
        var item = arguments[0] ?? throw Fail("index of untyped nil");
        for (var i = 1; i < arguments.Count; i++)
        {
            var key = arguments[i];
            switch (item)
            {
                case null:
                    throw Fail("index of nil pointer");
                case JsonArray array:
                    item = array[Position(key, array.Count)];
                    break;
                case JsonObject obj:
                    if (!GoValue.IsString(key, out var name))
                    {
                        throw Fail($"value has type {GoValue.TypeName(key)}; should be string");
                    }

                    item = obj.TryGetPropertyValue(name, out var value) ? value : null;
                    break;
                default:
                    if (!GoValue.IsString(item, out var text))
                    {
                        throw Fail($"can't index item of type {GoValue.TypeName(item)}");
                    }

                    var bytes = Encoding.UTF8.GetBytes(text);
                    item = JsonValue.Create((long)bytes[Position(key, bytes.Length)]);
                    break;
            }
        }

        return item;
    }

    private static int Position(JsonNode? key, int length)
    {
        if (key is null)
        {
            throw Fail("cannot index slice/array with nil");
        }

        if (!GoValue.TryGetInteger(key, out var position))
        {
            throw Fail($"cannot index slice/array with type {GoValue.TypeName(key)}");
        }

        return position >= 0 && position < length
            ? (int)position
            : throw Fail(string.Create(CultureInfo.InvariantCulture, $"index out of range: {position}"));
    }

    private static TemplateFunctionException Fail(string reason) => new($"error calling index: {reason}");
}
