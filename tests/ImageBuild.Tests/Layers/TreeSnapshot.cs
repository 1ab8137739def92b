using System.Runtime.Versioning;
using System.Security.Cryptography;
using ImageBuild.Layers;

namespace ImageBuild.Tests.Layers;

/// <summary>
/// A comparable description of a directory tree: for each path its type, mode and content hash or link target,
/// and which earlier path it shares an inode with.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class TreeSnapshot
{
    public static SortedDictionary<string, string> Of(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var inodes = new Dictionary<ulong, string>();
        var options = new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = true };
        var all = new DirectoryInfo(root).EnumerateFileSystemInfos("*", options)
            .OrderBy(info => info.FullName, StringComparer.Ordinal);
        foreach (var info in all)
        {
            var path = Path.GetRelativePath(root, info.FullName).Replace('\\', '/');
            if (info.LinkTarget is { } target)
            {
                result[path] = $"symlink -> {target}";
                continue;
            }

            var mode = Convert.ToString((int)File.GetUnixFileMode(info.FullName), 8);
            if (info is DirectoryInfo)
            {
                result[path] = $"dir {mode}";
                continue;
            }

            var identity = UnixNative.TryGetIdentity(info.FullName)!.Value;
            var description = $"file {mode} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(info.FullName)))}";
            if (identity.LinkCount > 1)
            {
                if (inodes.TryGetValue(identity.Inode, out var first))
                {
                    description += $" linked-to {first}";
                }
                else
                {
                    inodes[identity.Inode] = path;
                }
            }

            result[path] = description;
        }

        return result;
    }

    public static string Format(SortedDictionary<string, string> snapshot) =>
        string.Join('\n', snapshot.Select(pair => $"{pair.Key}: {pair.Value}"));
}
