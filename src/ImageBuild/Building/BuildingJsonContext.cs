using System.Text.Json.Serialization;

namespace ImageBuild.Building;

[JsonSerializable(typeof(LayerCacheRecord))]
internal sealed partial class BuildingJsonContext : JsonSerializerContext
{
}
