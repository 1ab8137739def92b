using System.Text.Json.Serialization;

namespace ImageBuild.Registry;

/// <summary>The JSON body of a failed registry request.</summary>
internal sealed record RegistryErrorBody
{
    [JsonPropertyName("errors")]
    public IReadOnlyList<RegistryError>? Errors { get; init; }
}
