using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageBuild.Oci;

/// <summary>
/// The <c>{}</c> values of ExposedPorts and Volumes. Anything a writer put inside is kept, so a round trip
/// changes nothing.
/// </summary>
public sealed record EmptyObject
{
    public static EmptyObject Instance { get; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}
