namespace ImageBuild.Layers;

/// <summary>The kinds of entry a layer built from files can hold.</summary>
public enum LayerEntryType
{
    File,
    Directory,
    Symlink,
    Hardlink,
}
