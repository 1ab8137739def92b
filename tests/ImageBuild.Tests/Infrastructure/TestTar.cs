using System.Formats.Tar;
using System.Text;

namespace ImageBuild.Tests.Infrastructure;

/// <summary>
/// Builds small real tars (layers, archives), including malformed and hostile ones, with System.Formats.Tar.
/// Entry times are fixed, so the same entries give the same bytes and the same diff_id.
/// </summary>
internal sealed class TestTar
{
    private const UnixFileMode FileMode = (UnixFileMode)0x1A4;
    private const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED;

    private readonly MemoryStream stream = new();
    private readonly TarWriter writer;

    public TestTar() => writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true);

    public TestTar Directory(string name, UnixFileMode mode = DirectoryMode) =>
        Add(new PaxTarEntry(TarEntryType.Directory, name) { Mode = mode });

    /// <summary>A tar of regular files, in order; chain more entries before <see cref="ToArray"/>.</summary>
    public static TestTar Of(IEnumerable<(string Name, byte[] Content)> files) =>
        files.Aggregate(new TestTar(), (tar, file) => tar.File(file.Name, file.Content));

    public TestTar File(string name, string content, UnixFileMode mode = FileMode, int owner = 0) => File(name, Encoding.UTF8.GetBytes(content), mode, owner);

    public TestTar File(string name, byte[] content, UnixFileMode mode = FileMode, int owner = 0) =>
        Add(new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = mode, DataStream = new MemoryStream(content), Uid = owner, Gid = owner });

    public TestTar Symlink(string name, string target) =>
        Add(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, Mode = (UnixFileMode)0x1FF });

    public TestTar Hardlink(string name, string target) =>
        Add(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target, Mode = FileMode });

    public TestTar CharacterDevice(string name, int major, int minor) =>
        Add(new PaxTarEntry(TarEntryType.CharacterDevice, name) { Mode = (UnixFileMode)0x1B6, DeviceMajor = major, DeviceMinor = minor });

    public TestTar Fifo(string name) => Add(new PaxTarEntry(TarEntryType.Fifo, name) { Mode = FileMode });

    public byte[] ToArray()
    {
        writer.Dispose();
        return stream.ToArray();
    }

    private TestTar Add(PaxTarEntry entry)
    {
        entry.ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000);
        writer.WriteEntry(entry);
        return this;
    }
}
