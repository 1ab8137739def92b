namespace ImageBuild.Publishing;

/// <summary>The layers of ContainerLayering=auto, from the one that changes least to the one that changes most.</summary>
internal enum LayerGroup
{
    /// <summary>The .NET runtime of a self-contained app (runtime pack files).</summary>
    Runtime,

    /// <summary>Files from NuGet packages.</summary>
    Packages,

    /// <summary>Referenced projects' outputs and static web content.</summary>
    Dependencies,

    /// <summary>The project's own outputs.</summary>
    App,
}
