namespace ImageBuild.Layers;

/// <summary>
/// One path of the flattener's in-memory model of the final filesystem: what it is and which entry of
/// which layer supplies it. Holds headers only, never content.
/// </summary>
internal sealed class FlattenNode(string name, FlattenNode? parent, TreeNodeKind kind)
{
    public string Name { get; } = name;

    public FlattenNode? Parent { get; set; } = parent;

    public TreeNodeKind Kind { get; } = kind;

    public Dictionary<string, FlattenNode>? Children { get; } = kind == TreeNodeKind.Directory ? new(StringComparer.Ordinal) : null;

    public string? LinkTarget { get; init; }

    /// <summary>The layer and entry index that supply this path; -1 for directories no layer names.</summary>
    public int Layer { get; set; } = -1;

    public int Ordinal { get; set; } = -1;

    /// <summary>For directories: the attributes of the last entry that named it.</summary>
    public TarHeader? DirectoryHeader { get; set; }

    /// <summary>The last layer that wrote this path or something under it.</summary>
    public int TouchedLayer { get; set; } = -1;

    /// <summary>Set when this path shares an inode with others through hardlinks.</summary>
    public HardlinkGroup? Group { get; set; }

    public string Path => Parent is null ? string.Empty : RootedPathResolver.Child(Parent.Path, Name);
}
