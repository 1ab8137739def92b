namespace ImageBuild.Layers;

/// <summary>
/// One thing to put into a layer. <see cref="Path"/> is cleaned on assignment (no leading '/', no "."/".."
/// segments). A null <see cref="Mode"/> means "from the source": files get 0644, or 0755 when the source has
/// any execute bit; directories 0755; symlinks 0777. A null <see cref="ModificationTime"/> takes the layer's
/// timestamp, so source mtimes never leak into the layer.
/// </summary>
public sealed record LayerEntry
{
    /// <summary>The path in the image, relative and '/'-separated.</summary>
    public required string Path { get; init => field = LayerPath.Normalize(value); }

    public required LayerEntryType Type { get; init; }

    /// <summary>For files: where the content is on disk.</summary>
    public string? SourcePath { get; init; }

    /// <summary>For symlinks: the link text, kept verbatim. For hardlinks: the path in the image linked to.</summary>
    public string? LinkTarget { get; init; }

    public UnixFileMode? Mode { get; init; }

    public int Uid { get; init; }

    public int Gid { get; init; }

    public DateTimeOffset? ModificationTime { get; init; }

    public static LayerEntry File(string path, string sourcePath, UnixFileMode? mode = null) =>
        new() { Path = path, Type = LayerEntryType.File, SourcePath = sourcePath, Mode = mode };

    public static LayerEntry Directory(string path, UnixFileMode? mode = null) =>
        new() { Path = path, Type = LayerEntryType.Directory, Mode = mode };

    public static LayerEntry Symlink(string path, string target) =>
        new() { Path = path, Type = LayerEntryType.Symlink, LinkTarget = target };

    public static LayerEntry Hardlink(string path, string target) =>
        new() { Path = path, Type = LayerEntryType.Hardlink, LinkTarget = target };
}
