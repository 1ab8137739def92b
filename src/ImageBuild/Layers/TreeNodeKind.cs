namespace ImageBuild.Layers;

/// <summary>What a path is, as far as resolving paths through a tree is concerned.</summary>
internal enum TreeNodeKind
{
    Missing,
    Directory,
    Symlink,

    /// <summary>A file, device or fifo: something a path cannot go through.</summary>
    Other,
}
