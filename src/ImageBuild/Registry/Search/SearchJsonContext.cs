using System.Text.Json.Serialization;

namespace ImageBuild.Registry.Search;

[JsonSerializable(typeof(HubSearchResponse))]
internal sealed partial class SearchJsonContext : JsonSerializerContext
{
}
