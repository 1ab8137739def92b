using ImageBuild.Errors;

namespace ImageBuild.Layers;

/// <summary>Builds layer entries from things on disk.</summary>
public static class LayerEntries
{
    private static EnumerationOptions AllChildren() => new()
    {
        // Dot files are "hidden" to .NET on Unix; a layer must not lose them.
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>
    /// The entries for everything under <paramref name="sourceDirectory"/>, placed at <paramref name="destination"/>
    /// in the image, with the destination's directories (e.g. /app gives "app/"). Symlinks are kept as symlinks,
    /// never followed. Files sharing an inode (Linux) become one file plus hardlinks to the first path in layer
    /// order. Modes, mtimes and owners come from the layer rules, not from disk; see <see cref="LayerEntry"/>.
    /// </summary>
    public static IReadOnlyList<LayerEntry> FromDirectory(string sourceDirectory, string destination = "/", int uid = 0, int gid = 0)
    {
        var root = Path.GetFullPath(sourceDirectory);
        if (!Directory.Exists(root))
        {
            throw new NotFoundException($"directory {sourceDirectory} does not exist: check the path (publish the project first if it is build output)");
        }

        var destinationPath = LayerPath.Normalize(destination);
        var found = new List<(LayerEntry Entry, FileIdentity? Identity)>();
        for (var parent = destinationPath; parent.Length > 0; parent = LayerPath.Parent(parent))
        {
            found.Add((LayerEntry.Directory(parent) with { Uid = uid, Gid = gid }, null));
        }

        // Where statx exists (Linux, glibc 2.28+ or musl) names are read as bytes; elsewhere .NET's enumeration does.
        var byBytes = OperatingSystem.IsLinux() && UnixNative.TryGetIdentity(root) is not null;
        var pending = new Stack<(string HostDirectory, string ImageDirectory)>();
        pending.Push((root, destinationPath));
        while (pending.Count > 0)
        {
            var (hostDirectory, imageDirectory) = pending.Pop();
            if (byBytes)
            {
                AddChildrenByBytes(hostDirectory, imageDirectory, uid, gid, found, pending);
                continue;
            }

            foreach (var child in ChildrenOf(hostDirectory))
            {
                // Past the limit .NET hands back entries with an empty FullName, so the path is joined here.
                var hostPath = Path.Join(hostDirectory, child.Name);
                if (HostPaths.IsTooLong(hostPath))
                {
                    throw TooDeep(hostPath);
                }

                var imagePath = imageDirectory.Length == 0 ? child.Name : $"{imageDirectory}/{child.Name}";
                found.Add(EntryFor(child, imagePath, uid, gid, pending));
            }
        }

        found.Sort((a, b) => LayerPath.Comparer.Compare(a.Entry.Path, b.Entry.Path));
        return LinkSharedInodes(found);
    }

    /// <summary>
    /// Linux names are bytes, and .NET would decode one that is not UTF-8 into a name nothing can open: here the
    /// directory is read with readdir and each child with lstat/readlink, so such files are built as they are.
    /// </summary>
    private static void AddChildrenByBytes(
        string hostDirectory, string imageDirectory, int uid, int gid, List<(LayerEntry Entry, FileIdentity? Identity)> found, Stack<(string, string)> pending)
    {
        foreach (var name in ListByBytes(hostDirectory))
        {
            var hostPath = Path.Join(hostDirectory, name);
            if (HostPaths.IsTooLong(UnixNames.Display(hostPath)))
            {
                throw TooDeep(UnixNames.Display(hostPath));
            }

            var imagePath = imageDirectory.Length == 0 ? name : $"{imageDirectory}/{name}";
            var identity = UnixNative.TryGetIdentity(hostPath)!.Value;
            if (identity.IsSymlink)
            {
                found.Add((LayerEntry.Symlink(imagePath, UnixNative.ReadLink(hostPath)) with { Uid = uid, Gid = gid }, null));
            }
            else if (identity.IsDirectory)
            {
                pending.Push((hostPath, imagePath));
                found.Add((LayerEntry.Directory(imagePath) with { Uid = uid, Gid = gid }, null));
            }
            else if (identity.IsRegularFile)
            {
                found.Add((LayerEntry.File(imagePath, hostPath) with { Uid = uid, Gid = gid }, identity));
            }
            else
            {
                throw NotAFile(UnixNames.Display(hostPath));
            }
        }
    }

    private static List<string> ListByBytes(string hostDirectory)
    {
        try
        {
            return UnixNative.ListDirectory(hostDirectory);
        }
        catch (IOException) when (HostPaths.IsTooLong(UnixNames.Display(hostDirectory) + "/x"))
        {
            throw TooDeep(UnixNames.Display(hostDirectory));
        }
    }

    private static ImageBuildException NotAFile(string hostPath) =>
        new($"{hostPath} is not a regular file, directory or symlink (a socket, pipe or device): remove it from {Path.GetDirectoryName(hostPath)} before building");

    private static List<FileSystemInfo> ChildrenOf(string hostDirectory)
    {
        try
        {
            return new DirectoryInfo(hostDirectory).EnumerateFileSystemInfos("*", AllChildren()).ToList();
        }
        catch (PathTooLongException)
        {
            throw TooDeep(hostDirectory);
        }
    }

    private static InvalidInputException TooDeep(string hostPath) =>
        new($"{HostPaths.Shorten(hostPath)} is nested too deep: its path is longer than the {HostPaths.MaxBytes} bytes a file path may have here; move it up or leave it out");

    private static (LayerEntry Entry, FileIdentity? Identity) EntryFor(
        FileSystemInfo child,
        string imagePath,
        int uid,
        int gid,
        Stack<(string HostDirectory, string ImageDirectory)> pending)
    {
        if (child.LinkTarget is { } target)
        {
            return (LayerEntry.Symlink(imagePath, target) with { Uid = uid, Gid = gid }, null);
        }

        if (child is DirectoryInfo)
        {
            pending.Push((child.FullName, imagePath));
            return (LayerEntry.Directory(imagePath) with { Uid = uid, Gid = gid }, null);
        }

        var identity = UnixNative.TryGetIdentity(child.FullName);
        if (identity is { IsRegularFile: false })
        {
            throw NotAFile(child.FullName);
        }

        return (LayerEntry.File(imagePath, child.FullName) with { Uid = uid, Gid = gid }, identity);
    }

    private static List<LayerEntry> LinkSharedInodes(List<(LayerEntry Entry, FileIdentity? Identity)> sorted)
    {
        var firstPathOfInode = new Dictionary<(ulong, ulong, ulong), string>();
        var entries = new List<LayerEntry>(sorted.Count);
        foreach (var (entry, identity) in sorted)
        {
            if (identity is not { LinkCount: > 1 } id)
            {
                entries.Add(entry);
                continue;
            }

            var key = (id.DeviceMajor, id.DeviceMinor, id.Inode);
            if (firstPathOfInode.TryGetValue(key, out var first))
            {
                entries.Add(LayerEntry.Hardlink(entry.Path, first) with { Uid = entry.Uid, Gid = entry.Gid });
            }
            else
            {
                firstPathOfInode[key] = entry.Path;
                entries.Add(entry);
            }
        }

        return entries;
    }
}
