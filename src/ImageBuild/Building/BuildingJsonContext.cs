using System.Text.Json.Serialization;

namespace ImageBuild.Building;

[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class BuildingJsonContext : JsonSerializerContext
{
}
