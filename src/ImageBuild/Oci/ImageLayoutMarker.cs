using System.Text.Json.Serialization;

namespace ImageBuild.Oci;

/// <summary>The <c>oci-layout</c> file of an image layout.</summary>
public sealed record ImageLayoutMarker
{
    public const string FileName = "oci-layout";

    [JsonPropertyName("imageLayoutVersion")]
    public string ImageLayoutVersion { get; init; } = "1.0.0";
}
