namespace ImageBuild.IO;

/// <summary>What lstat says about a file: which inode it is, how many names it has, and its type bits.</summary>
internal readonly record struct FileIdentity(ulong DeviceMajor, ulong DeviceMinor, ulong Inode, uint LinkCount, uint Mode)
{
    private const uint TypeMask = 0xF000;
    private const uint RegularFileType = 0x8000;
    private const uint DirectoryType = 0x4000;

    public bool IsRegularFile => (Mode & TypeMask) == RegularFileType;

    public bool IsDirectory => (Mode & TypeMask) == DirectoryType;
}
