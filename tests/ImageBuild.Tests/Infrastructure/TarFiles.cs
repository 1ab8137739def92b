using System.Formats.Tar;

namespace ImageBuild.Tests.Infrastructure;

/// <summary>Reads small tars in memory for assertions; <see cref="TestTar"/> builds them.</summary>
internal static class TarFiles
{
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
