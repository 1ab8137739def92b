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
    private const uint StatxMtime = 0x40;
    private const uint StatxIno = 0x100;
    private const uint StatxSizeField = 0x200;
    private const int OpenReadOnly = 0;
    private const int OpenCloseOnExec = 0x80000;
    private const int DirentNameOffset = 19; // d_ino, d_off (8 bytes each), d_reclen (2), d_type (1) on 64-bit glibc and musl
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
            if (statx(AtFdCwd, Bytes(path), AtSymlinkNoFollow, StatxType | StatxMode | StatxNlink | StatxUid | StatxIno | StatxSizeField | StatxMtime, buffer) != 0)
            {
                throw new IOException($"cannot stat {UnixNames.Display(path)}: {LastError()}");
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
            Uid: MemoryMarshal.Read<uint>(span[20..]))
        {
            Size = MemoryMarshal.Read<long>(span[40..]),
            ModifiedUtc = DateTime.UnixEpoch.AddSeconds(MemoryMarshal.Read<long>(span[112..])).AddTicks(MemoryMarshal.Read<uint>(span[120..]) / 100),
        };
    }

    /// <summary>The names in a directory as bytes decoded by <see cref="UnixNames"/>, without "." and "..".</summary>
    public static List<string> ListDirectory(string path)
    {
        var directory = opendir(Bytes(path));
        if (directory == IntPtr.Zero)
        {
            throw new IOException($"cannot read directory {UnixNames.Display(path)}: {LastError()}");
        }

        try
        {
            var names = new List<string>();
            for (var entry = readdir(directory); entry != IntPtr.Zero; entry = readdir(directory))
            {
                var start = entry + DirentNameOffset;
                var length = 0;
                while (Marshal.ReadByte(start, length) != 0)
                {
                    length++;
                }

                var bytes = new byte[length];
                Marshal.Copy(start, bytes, 0, length);
                if (bytes is not ([(byte)'.'] or [(byte)'.', (byte)'.']))
                {
                    names.Add(UnixNames.Decode(bytes));
                }
            }

            return names;
        }
        finally
        {
            _ = closedir(directory);
        }
    }

    /// <summary>A symlink's target as bytes decoded by <see cref="UnixNames"/>.</summary>
    public static string ReadLink(string path)
    {
        var buffer = new byte[4096];
        var length = readlink(Bytes(path), buffer, buffer.Length);
        return length < 0
            ? throw new IOException($"cannot read symlink {UnixNames.Display(path)}: {LastError()}")
            : UnixNames.Decode(buffer.AsSpan(0, (int)length));
    }

    /// <summary>Opens a file for reading by its bytes, for names .NET's own APIs cannot reach.</summary>
    public static FileStream OpenRead(string path)
    {
        var descriptor = open(Bytes(path), OpenReadOnly | OpenCloseOnExec);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            var message = $"cannot open {UnixNames.Display(path)}: {new Win32Exception(error).Message}";
            throw error == 2 ? new FileNotFoundException(message) : new IOException(message);
        }

        return new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(descriptor, ownsHandle: true), FileAccess.Read, 1);
    }

    private static byte[] Bytes(string path) => [.. UnixNames.Encode(path), 0];

    private static string LastError() => new Win32Exception(Marshal.GetLastPInvokeError()).Message;

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
    private static extern int statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr opendir(byte[] path);

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr readdir(IntPtr directory);

    [DllImport("libc", SetLastError = true)]
    private static extern int closedir(IntPtr directory);

    [DllImport("libc", SetLastError = true)]
    private static extern nint readlink(byte[] path, byte[] buffer, nint size);

    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string existingPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);

    [DllImport("libc", SetLastError = true)]
    private static extern int lchown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int uid, int gid);
}
