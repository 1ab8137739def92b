using System.Formats.Tar;

namespace ImageBuild.Tests.Infrastructure;

/// <summary>Builds and reads small tars in memory for tests.</summary>
internal static class TarFiles
{
    /// <summary>Layers with the same files must have the same diff_id, so entry times are fixed.</summary>
    private static readonly DateTimeOffset FixedTime = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>A tar of regular files; a value starting with "->" makes a symbolic link to the rest.</summary>
    public static byte[] Create(params (string Name, byte[] Content)[] files)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), ModificationTime = FixedTime });
            }
        }

        return output.ToArray();
    }

    public static byte[] WithSymlink(byte[] tar, string name, string target)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (entryName, content) in Read(tar))
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entryName) { DataStream = new MemoryStream(content), ModificationTime = FixedTime });
            }

            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target });
        }

        return output.ToArray();
    }

    /// <summary>The regular files of a tar, in order.</summary>
    public static List<(string Name, byte[] Content)> Read(byte[] tar)
    {
        var files = new List<(string, byte[])>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
            {
                using var buffer = new MemoryStream();
                data.CopyTo(buffer);
                files.Add((entry.Name, buffer.ToArray()));
            }
        }

        return files;
    }

    public static byte[] File(byte[] tar, string name) => Read(tar).Single(f => f.Name == name).Content;
}
