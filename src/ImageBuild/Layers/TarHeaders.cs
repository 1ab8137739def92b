using System.Formats.Tar;

namespace ImageBuild.Layers;

/// <summary>Copies what a tar entry says about itself into a <see cref="TarHeader"/> to write elsewhere.</summary>
internal static class TarHeaders
{
    private static readonly string[] XattrPrefixes = ["SCHILY.xattr.", "LIBARCHIVE.xattr."];

    public static TarHeader FromEntry(TarEntry entry, string name)
    {
        var posix = entry as PosixTarEntry;
        var xattrs = entry is PaxTarEntry pax
            ? pax.ExtendedAttributes
                .Where(record => XattrPrefixes.Any(prefix => record.Key.StartsWith(prefix, StringComparison.Ordinal)))
                .OrderBy(record => record.Key, StringComparer.Ordinal)
                .ToList()
            : [];
        return new TarHeader
        {
            Name = name,
            Type = entry.EntryType is TarEntryType.V7RegularFile or TarEntryType.ContiguousFile ? TarEntryType.RegularFile : entry.EntryType,
            Mode = entry.Mode,
            Uid = entry.Uid,
            Gid = entry.Gid,
            UserName = posix?.UserName ?? string.Empty,
            GroupName = posix?.GroupName ?? string.Empty,
            Size = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile ? entry.Length : 0,
            ModificationTime = entry.ModificationTime,
            LinkName = entry.EntryType is TarEntryType.SymbolicLink ? entry.LinkName : string.Empty,
            DeviceMajor = posix?.DeviceMajor ?? 0,
            DeviceMinor = posix?.DeviceMinor ?? 0,
            PaxRecords = xattrs,
        };
    }
}
