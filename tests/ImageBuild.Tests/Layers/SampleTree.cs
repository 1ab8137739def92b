using System.Runtime.Versioning;

namespace ImageBuild.Tests.Layers;

/// <summary>A source tree with every kind of thing a layer keeps, creatable in either order with any mtime.</summary>
[UnsupportedOSPlatform("windows")]
internal static class SampleTree
{
    public static void Create(string root, bool reverseOrder, DateTime mtime)
    {
        var steps = new List<Action>
        {
            () => Write(root, "readme.txt", "hello", (UnixFileMode)0x1A4),
            () => Write(root, "private.txt", "secret", (UnixFileMode)0x180),
            () => Write(root, ".hidden", "dot", (UnixFileMode)0x1B6),
            () => Write(root, "bin/tool", "#!/bin/sh\necho tool\n", (UnixFileMode)0x1C0),
            () => Write(root, "bin/zz-last", "z", (UnixFileMode)0x1A4),
            () => Write(root, "lib/deep/nested/data.bin", new string('d', 70_000), (UnixFileMode)0x1A4),
            () => Directory.CreateDirectory(Path.Combine(root, "empty")),
            () => Write(root, "ünïcødé.txt", "u", (UnixFileMode)0x1A4),
        };
        if (reverseOrder)
        {
            steps.Reverse();
        }

        steps.ForEach(step => step());
        File.CreateSymbolicLink(Path.Combine(root, "current"), "bin/tool");
        File.CreateSymbolicLink(Path.Combine(root, "etc-link"), "/etc");
        UnixLink(Path.Combine(root, "bin/tool"), Path.Combine(root, "bin/tool-copy"));
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (new FileInfo(path).LinkTarget is null)
            {
                File.SetLastWriteTimeUtc(path, mtime);
            }
        }
    }

    private static void Write(string root, string relative, string content, UnixFileMode mode)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
    }

    private static void UnixLink(string existing, string link) => ImageBuild.Layers.UnixNative.CreateHardLink(existing, link);
}
