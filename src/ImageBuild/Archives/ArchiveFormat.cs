namespace ImageBuild.Archives;

/// <summary>The two archive forms <c>save</c> writes and <c>load</c> reads.</summary>
public enum ArchiveFormat
{
    /// <summary>An OCI image layout in a tar (oci-archive).</summary>
    Oci,

    /// <summary>docker save's form: manifest.json, configs and uncompressed layers (docker-archive).</summary>
    Docker,
}
