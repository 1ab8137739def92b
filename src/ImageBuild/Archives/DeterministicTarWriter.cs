using System.Formats.Tar;

namespace ImageBuild.Archives;

/// <summary>
/// Writes archive entries so that the same content always gives the same bytes: fixed mtime (the Unix epoch),
/// uid/gid 0, no user or group names, fixed modes. Entries are ustar; only a file over ustar's 8 GiB size limit
/// is written as PAX, whose extended header name carries the process id and so is the one exception.
/// </summary>
internal sealed class DeterministicTarWriter : IAsyncDisposable
{
    private const long UstarMaxSize = 0x1_FFFF_FFFF;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly TarWriter writer;

    public DeterministicTarWriter(Stream output)
    {
        writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
    }

    public Task WriteDirectoryAsync(string name, CancellationToken cancellationToken = default) =>
        writer.WriteEntryAsync(Entry(TarEntryType.Directory, name.EndsWith('/') ? name : name + "/", DirectoryMode, size: 0), cancellationToken);

    public Task WriteFileAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        WriteFileAsync(name, new MemoryStream(content.ToArray(), writable: false), cancellationToken);

    /// <summary>Writes a file whose size is <paramref name="content"/>'s Length (less its position) and streams it.</summary>
    public async Task WriteFileAsync(string name, Stream content, CancellationToken cancellationToken = default)
    {
        var size = content.Length - content.Position;
        var entry = Entry(TarEntryType.RegularFile, name, FileMode, size);
        entry.DataStream = content.CanSeek ? content : new SizedEntryStream(content, size);
        await writer.WriteEntryAsync(entry, cancellationToken);
    }

    public ValueTask DisposeAsync() => writer.DisposeAsync();

    private static TarEntry Entry(TarEntryType type, string name, UnixFileMode mode, long size)
    {
        TarEntry entry = size > UstarMaxSize ? new PaxTarEntry(type, name) : new UstarTarEntry(type, name);
        entry.Mode = mode;
        entry.Uid = 0;
        entry.Gid = 0;
        entry.ModificationTime = DateTimeOffset.UnixEpoch;
        return entry;
    }
}
