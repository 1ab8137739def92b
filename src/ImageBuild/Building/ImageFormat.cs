namespace ImageBuild.Building;

/// <summary>The manifest family of a built image.</summary>
public enum ImageFormat
{
    /// <summary>The base image's family; OCI for scratch.</summary>
    Auto,
    Oci,
    Docker,
}
