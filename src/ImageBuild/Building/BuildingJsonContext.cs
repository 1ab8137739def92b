using System.Text.Json.Serialization;

namespace ImageBuild.Building;

[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(LayerCacheRecord))]
internal sealed partial class BuildingJsonContext : JsonSerializerContext
{
}
