namespace ImageBuild.Layers;

/// <summary>What a tar entry does to the filesystem a layer is applied to.</summary>
internal enum LayerEntryRole
{
    Content,
    Whiteout,
    Opaque,

    /// <summary>The root directory itself ("./", "/"): its attributes are not applied.</summary>
    Root,
    Ignored,
}
