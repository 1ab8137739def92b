using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageBuild.Registry;

/// <summary>One entry of a registry's error body <c>{"errors":[{"code","message","detail"}]}</c>.</summary>
public sealed record RegistryError
{
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>Free-form JSON; registries put strings, objects or nothing here.</summary>
    [JsonPropertyName("detail")]
    public JsonElement? Detail { get; init; }
}
