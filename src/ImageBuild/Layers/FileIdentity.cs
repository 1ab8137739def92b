namespace ImageBuild.Layers;

/// <summary>What lstat says about a file: which inode it is, how many names it has, its type bits and owner.</summary>
internal readonly record struct FileIdentity(ulong DeviceMajor, ulong DeviceMinor, ulong Inode, uint LinkCount, uint Mode, uint Uid)
{
    private const uint TypeMask = 0xF000;
    private const uint RegularFileType = 0x8000;

    private const uint DirectoryType = 0x4000;
    private const uint SymlinkType = 0xA000;

    public bool IsRegularFile => (Mode & TypeMask) == RegularFileType;

    public bool IsDirectory => (Mode & TypeMask) == DirectoryType;

    public bool IsSymlink => (Mode & TypeMask) == SymlinkType;

    public long Size { get; init; }

    public DateTime ModifiedUtc { get; init; }
}
