using ImageBuild.Oci;

namespace ImageBuild.Layers;

/// <summary>
/// A layer written to a temporary file. The caller owns <see cref="FilePath"/> and moves or deletes it.
/// <see cref="Digest"/> and <see cref="Size"/> describe the bytes in the file; <see cref="DiffId"/> and
/// <see cref="UncompressedSize"/> describe the tar inside.
/// </summary>
public sealed record LayerBlob(
    string FilePath,
    Digest Digest,
    long Size,
    Digest DiffId,
    long UncompressedSize,
    LayerCompression Compression,
    string MediaType)
{
    /// <summary>The regular files written from entries, with their content hashes; empty for a layer made from a tar.</summary>
    public IReadOnlyList<LayerFile> Files { get; init; } = [];

    /// <summary>The lower-case hex SHA-256 of each source file as it was read into the layer, by source path.</summary>
    internal IReadOnlyDictionary<string, string> SourceHashes { get; init; } = new Dictionary<string, string>();

    public Descriptor ToDescriptor() => new() { MediaType = MediaType, Digest = Digest, Size = Size };
}
