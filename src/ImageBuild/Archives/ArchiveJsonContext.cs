using System.Text.Json.Serialization;

namespace ImageBuild.Archives;

/// <summary>Source-generated serializers for docker-archive's <c>manifest.json</c> and legacy <c>repositories</c> files.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<DockerArchiveManifestItem>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
internal sealed partial class ArchiveJsonContext : JsonSerializerContext
{
}
