using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageBuild.Building;

/// <summary>The JSON form of a <see cref="BuildResult"/> that CI scripts read (camelCase, nulls omitted).</summary>
public static class BuildResultJson
{
    public static string Serialize(BuildResult result)
    {
        // Media types hold '+', which the default encoder escapes; scripts grep for them as written.
        var context = new BuildResultJsonContext(new JsonSerializerOptions(BuildResultJsonContext.Default.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        return JsonSerializer.Serialize(result, context.BuildResult);
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BuildResult))]
internal sealed partial class BuildResultJsonContext : JsonSerializerContext
{
}
