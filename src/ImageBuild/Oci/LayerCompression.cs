namespace ImageBuild.Oci;

/// <summary>How a layer blob is compressed on the wire and on disk.</summary>
public enum LayerCompression
{
    None,
    Gzip,
    Zstd,
}
