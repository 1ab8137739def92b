using System.Runtime.InteropServices;

namespace ImageBuild.IO;

/// <summary>
/// The type of a file as stat reports it (symlinks followed), which .NET does not expose: a FIFO or a device looks
/// like any file to <see cref="FileInfo"/>. statx, as the layer code uses, because its layout is the same on every
/// Linux architecture and libc.
/// </summary>
internal static class UnixFileType
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int StatxSize = 256;
    private const int ModeOffset = 28;
    private const uint TypeMask = 0xF000;
    private const uint RegularFileType = 0x8000;

    /// <summary>Whether <paramref name="path"/> is a regular file; null when it cannot be told (not Linux, no statx, no such path).</summary>
    public static bool? IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        try
        {
            if (statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }

        return (MemoryMarshal.Read<ushort>(buffer.AsSpan(ModeOffset)) & TypeMask) == RegularFileType;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
