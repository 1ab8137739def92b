using System.Formats.Tar;

namespace ImageBuild.Layers;

/// <summary>
/// The header of one tar entry as <see cref="TarHeaderWriter"/> writes it. Directory names end in '/'.
/// <see cref="PaxRecords"/> carries extra PAX records (xattrs) copied from another layer.
/// </summary>
internal sealed record TarHeader
{
    public required string Name { get; init; }

    public required TarEntryType Type { get; init; }

    public UnixFileMode Mode { get; init; }

    public int Uid { get; init; }

    public int Gid { get; init; }

    public string UserName { get; init; } = string.Empty;

    public string GroupName { get; init; } = string.Empty;

    public long Size { get; init; }

    public DateTimeOffset ModificationTime { get; init; } = DateTimeOffset.UnixEpoch;

    public string LinkName { get; init; } = string.Empty;

    public int DeviceMajor { get; init; }

    public int DeviceMinor { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> PaxRecords { get; init; } = [];
}
