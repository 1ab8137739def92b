using System.ComponentModel;
using System.Runtime.InteropServices;

namespace ImageBuild.Layers;

/// <summary>
/// The few POSIX calls .NET has no API for: inode numbers (to find hardlinks), link(2) and lchown(2).
/// statx is used instead of lstat because its struct layout is the same on every Linux architecture and
/// libc, while lstat's is not (and older glibc does not even export it).
/// </summary>
internal static class UnixNative
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxMode = 0x2;
    private const uint StatxNlink = 0x4;
    private const uint StatxUid = 0x8;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;

    /// <summary>lstat's identity of a path, or null where statx is unavailable (not Linux, or an old libc).</summary>
    public static FileIdentity? TryGetIdentity(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        try
        {
            if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxMode | StatxNlink | StatxUid | StatxIno, buffer) != 0)
            {
                throw new IOException($"cannot stat {path}: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }

        // statx fields are in native byte order at offsets fixed by the kernel ABI.
        var span = buffer.AsSpan();
        return new FileIdentity(
            DeviceMajor: MemoryMarshal.Read<uint>(span[136..]),
            DeviceMinor: MemoryMarshal.Read<uint>(span[140..]),
            Inode: MemoryMarshal.Read<ulong>(span[32..]),
            LinkCount: MemoryMarshal.Read<uint>(span[16..]),
            Mode: MemoryMarshal.Read<ushort>(span[28..]),
            Uid: MemoryMarshal.Read<uint>(span[20..]));
    }

    /// <summary>Creates <paramref name="newPath"/> as another name of <paramref name="existingPath"/>; never follows a symlink.</summary>
    public static void CreateHardLink(string existingPath, string newPath)
    {
        if (link(existingPath, newPath) != 0)
        {
            throw new IOException($"cannot link {newPath} to {existingPath}: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        }
    }

    /// <summary>Sets the owner of a path without following a symlink; returns false when the system refuses.</summary>
    public static bool TrySetOwner(string path, int uid, int gid) => lchown(path, uid, gid) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string existingPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);

    [DllImport("libc", SetLastError = true)]
    private static extern int lchown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int uid, int gid);
}
