using ImageBuild.Errors;

namespace ImageBuild.Layers;

/// <summary>
/// The extraction target seen as an <see cref="IRootedTree"/>. Every lookup is an lstat; nothing here ever
/// follows a symlink, so callers only touch paths <see cref="RootedPathResolver"/> has proven to be inside.
/// </summary>
internal sealed class DiskTree(string root) : IRootedTree
{
    public const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED; // 0755

    public string Root { get; } = root;

    public string HostPath(string relativePath)
    {
        if (relativePath.Length == 0)
        {
            return Root;
        }

        // The one way from a layer path to the host: a segment that could climb or alias is never joined, whatever the caller resolved.
        foreach (var segment in relativePath.Split('/'))
        {
            if (!LayerEntryName.IsSingleName(segment))
            {
                throw new ImageBuildException($"layer path /{relativePath} has a segment \"{segment}\" that does not name an entry: the layer is malformed or hostile; rebuild it from a trusted source");
            }
        }

        // On Windows '\' and ':' inside a layer name would change which path is meant.
        if (OperatingSystem.IsWindows() && relativePath.AsSpan().IndexOfAny('\\', ':') >= 0)
        {
            throw new ImageBuildException($"layer path /{relativePath} holds a character Windows cannot store: extract this image on Linux");
        }

        var host = Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        if (HostPaths.IsTooLong(host))
        {
            throw new ImageBuildException(
                $"layer path /{HostPaths.Shorten(relativePath)} is {relativePath.Length} characters deep, deeper than a path this system can create ({HostPaths.MaxBytes} bytes in all): export the image as a tar instead");
        }

        return host;
    }

    public TreeNodeKind GetKind(string relativePath, out string? linkTarget)
    {
        var host = HostPath(relativePath);
        var info = new FileInfo(host);
        linkTarget = info.LinkTarget;
        if (linkTarget is not null)
        {
            return TreeNodeKind.Symlink;
        }

        if (Directory.Exists(host))
        {
            return TreeNodeKind.Directory;
        }

        return info.Exists ? TreeNodeKind.Other : TreeNodeKind.Missing;
    }

    public TreeNodeKind GetKind(string relativePath) => GetKind(relativePath, out _);

    public void CreateDirectory(string relativePath)
    {
        var host = HostPath(relativePath);
        Directory.CreateDirectory(host);
        if (!OperatingSystem.IsWindows())
        {
            // mkdir applies the umask; the result must not depend on the caller's.
            File.SetUnixFileMode(host, DirectoryMode);
        }
    }

    /// <summary>Removes whatever is at the path: a directory with its contents, or the link/file itself.</summary>
    public void Delete(string relativePath)
    {
        var host = HostPath(relativePath);
        switch (GetKind(relativePath))
        {
            case TreeNodeKind.Directory:
                Directory.Delete(host, recursive: true);
                break;
            case TreeNodeKind.Symlink or TreeNodeKind.Other:
                File.Delete(host);
                break;
        }
    }

    /// <summary>The names directly inside a directory, including dot files.</summary>
    public IEnumerable<string> ChildNames(string relativePath) =>
        new DirectoryInfo(HostPath(relativePath))
            .EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false })
            .Select(child => child.Name)
            .ToList();
}
