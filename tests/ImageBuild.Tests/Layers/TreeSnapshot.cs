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
        foreach (var info in Walk(new DirectoryInfo(root)).OrderBy(info => info.FullName, StringComparer.Ordinal))
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

    // Recursive enumeration in .NET follows directory symlinks, which would walk out of the tree.
    private static IEnumerable<FileSystemInfo> Walk(DirectoryInfo directory)
    {
        foreach (var child in directory.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            yield return child;
            if (child is DirectoryInfo subdirectory && child.LinkTarget is null)
            {
                foreach (var descendant in Walk(subdirectory))
                {
                    yield return descendant;
                }
            }
        }
    }

    public static string Format(SortedDictionary<string, string> snapshot) =>
        string.Join('\n', snapshot.Select(pair => $"{pair.Key}: {pair.Value}"));
}
