using System.Text.Json.Serialization;

namespace ImageBuild.Store.Queries;

/// <summary>Source-generated serializers for query results; names are the C# (docker) names as written.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImageInspect))]
[JsonSerializable(typeof(IReadOnlyList<ImageInspect>))]
internal sealed partial class QueriesJsonContext : JsonSerializerContext
{
}
