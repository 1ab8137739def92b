namespace ImageBuild.Layers;

/// <summary>
/// Paths that share one inode. The content lives in the entry of <see cref="Original"/>; it outlives that path
/// when the path is deleted or replaced while other links remain, exactly as on disk.
/// </summary>
internal sealed class HardlinkGroup(FlattenNode original)
{
    public FlattenNode Original { get; } = original;

    public int Layer { get; } = original.Layer;

    public int Ordinal { get; } = original.Ordinal;

    public List<FlattenNode> Links { get; } = [original];
}
