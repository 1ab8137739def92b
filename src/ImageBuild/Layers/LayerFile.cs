using System.Text.Json.Serialization;

namespace ImageBuild.Layers;

/// <summary>
/// A regular file a layer holds, with the hashes of its content, computed while the layer was written (so an SBOM
/// lists what the layer really holds without reading the files again).
/// </summary>
/// <param name="Path">The path in the image, relative and '/'-separated, as in the tar.</param>
/// <param name="Sha1">Lower-case hex SHA-1 of the content (SPDX requires it for files).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
public sealed record LayerFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha1")] string Sha1,
    [property: JsonPropertyName("sha256")] string Sha256);
