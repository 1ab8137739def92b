using System.Formats.Tar;
using ImageBuild.Errors;

namespace ImageBuild.Archives;

/// <summary>
/// The table of contents of an uncompressed tar, built in one pass: where each regular file's data lies,
/// and where each link points. Links matter because docker's legacy layout links duplicate layers.
/// </summary>
internal sealed class ArchiveIndex
{
    /// <summary>More hops than any sane archive needs; a longer chain is a loop.</summary>
    private const int MaxLinkHops = 40;

    private readonly string tarPath;
    private readonly Dictionary<string, ArchiveEntry> files;
    private readonly Dictionary<string, string> links;

    private ArchiveIndex(string tarPath, string archiveName, Dictionary<string, ArchiveEntry> files, Dictionary<string, string> links)
    {
        this.tarPath = tarPath;
        ArchiveName = archiveName;
        this.files = files;
        this.links = links;
    }

    /// <summary>The archive's file name as the user knows it, for messages.</summary>
    public string ArchiveName { get; }

    public static async Task<ArchiveIndex> BuildAsync(string tarPath, string archiveName, CancellationToken cancellationToken = default)
    {
        var files = new Dictionary<string, ArchiveEntry>(StringComparer.Ordinal);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var stream = OpenFile(tarPath);
        await using var reader = new TarReader(stream, leaveOpen: true);
        try
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                var name = ArchivePaths.Normalize(entry.Name, archiveName);
                switch (entry.EntryType)
                {
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        files[name] = new ArchiveEntry(name, entry.DataOffset, entry.Length);
                        links.Remove(name);
                        break;
                    case TarEntryType.SymbolicLink:
                        links[name] = ArchivePaths.ResolveSymlinkTarget(name, entry.LinkName, archiveName);
                        files.Remove(name);
                        break;
                    case TarEntryType.HardLink:
                        links[name] = ArchivePaths.Normalize(entry.LinkName, archiveName);
                        files.Remove(name);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new ImageBuildException($"{archiveName} is not a readable tar archive ({ex.Message}): pass a file made by docker save, skopeo or dotnet image save");
        }

        return new ArchiveIndex(tarPath, archiveName, files, links);
    }

    public bool Contains(string path) => Find(path) is not null;

    /// <summary>The regular file at <paramref name="path"/>, following links; null when there is none.</summary>
    public ArchiveEntry? Find(string path)
    {
        var name = ArchivePaths.Normalize(path, ArchiveName);
        for (var hop = 0; hop <= MaxLinkHops; hop++)
        {
            if (files.TryGetValue(name, out var entry))
            {
                return entry;
            }

            if (!links.TryGetValue(name, out var target))
            {
                return null;
            }

            name = target;
        }

        throw new ImageBuildException($"{ArchiveName} is not a valid image archive: the links at \"{path}\" form a loop");
    }

    /// <summary>The file at <paramref name="path"/>, or a clear error naming what the archive lacks.</summary>
    public ArchiveEntry Require(string path, string namedBy) =>
        Find(path) ?? throw new ImageBuildException(
            $"{ArchiveName} is incomplete: {namedBy} names \"{path}\" but the archive has no such file; recreate the archive");

    public Stream Open(ArchiveEntry entry) => new SliceReadStream(OpenFile(tarPath), entry.DataOffset, entry.Length);

    public async Task<byte[]> ReadAllBytesAsync(ArchiveEntry entry, long sizeLimit, CancellationToken cancellationToken = default)
    {
        if (entry.Length > sizeLimit)
        {
            throw new ImageBuildException(
                $"{ArchiveName} is not a valid image archive: {entry.Name} is {entry.Length} bytes, over the {sizeLimit}-byte limit for JSON documents");
        }

        await using var stream = Open(entry);
        var bytes = new byte[entry.Length];
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, useAsync: true);
}
