namespace ImageBuild.Building;

public enum BuildOutputKind
{
    /// <summary>The local image store, tagged with the plan's tags.</summary>
    Store,

    /// <summary>An OCI image layout directory.</summary>
    OciLayout,

    /// <summary>A tar of an OCI image layout.</summary>
    OciArchive,

    /// <summary>A docker save style tar (single platform).</summary>
    DockerArchive,

    /// <summary>The registries the tags name.</summary>
    Registry,
}
