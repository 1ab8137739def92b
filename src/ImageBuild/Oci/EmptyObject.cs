using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageBuild.Oci;

/// <summary>
/// The <c>{}</c> values of ExposedPorts and Volumes. Anything a writer put inside is kept, so a round trip
/// changes nothing.
/// </summary>
public sealed record EmptyObject
{
    /// <summary>A new empty value each time: the extension data is settable, so a shared instance could be changed.</summary>
    public static EmptyObject Instance => new();

    // set, not init: the source generator cannot fill extension data through an init-only setter.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}
