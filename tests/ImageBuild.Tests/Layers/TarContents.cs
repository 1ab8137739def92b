using System.Formats.Tar;
using System.Security.Cryptography;
using ImageBuild.Layers;

namespace ImageBuild.Tests.Layers;

/// <summary>The entries of a tar as read back by System.Formats.Tar, for assertions.</summary>
internal sealed record TarItem(string Name, TarEntryType Type, UnixFileMode Mode, int Uid, int Gid, DateTimeOffset ModificationTime, string LinkName, string UserName, string? ContentSha256);

internal static class TarContents
{
    public static async Task<List<TarItem>> ReadBlobAsync(string blobPath)
    {
        await using var blob = File.OpenRead(blobPath);
        await using var tar = await LayerReader.OpenAsync(blob, cancellationToken: CancellationToken.None);
        return await ReadAsync(tar);
    }

    public static async Task<List<TarItem>> ReadAsync(Stream tar)
    {
        var items = new List<TarItem>();
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false) is { } entry)
        {
            var hash = entry.DataStream is null ? null : Convert.ToHexStringLower(await SHA256.HashDataAsync(entry.DataStream));
            var userName = (entry as PosixTarEntry)?.UserName ?? string.Empty;
            items.Add(new TarItem(entry.Name, entry.EntryType, entry.Mode, entry.Uid, entry.Gid, entry.ModificationTime, entry.LinkName, userName, hash));
        }

        return items;
    }

    public static TarItem Single(this List<TarItem> items, string name) => items.Single(item => item.Name == name);
}
