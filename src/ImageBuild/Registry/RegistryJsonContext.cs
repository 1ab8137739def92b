using System.Text.Json.Serialization;
using ImageBuild.Registry.Credentials;
using ImageBuild.Registry.Http;

namespace ImageBuild.Registry;

/// <summary>Source-generated serializers for the registry API's own JSON documents.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegistryErrorBody))]
[JsonSerializable(typeof(TagList))]
[JsonSerializable(typeof(RepositoryCatalog))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(CredentialHelperPayload))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext
{
}
