using System.Formats.Tar;
using ImageBuild.Errors;

namespace ImageBuild.Layers;

/// <summary>
/// Turns layer entries into the exact, reproducible sequence of tar headers: sorted by path, parents before
/// children (missing parents added), one entry per path, hardlinks only to earlier non-directories.
/// </summary>
internal static class LayerTarPlanner
{
    private const UnixFileMode RegularMode = (UnixFileMode)0x1A4; // 0644
    private const UnixFileMode ExecutableMode = (UnixFileMode)0x1ED; // 0755
    private const UnixFileMode SymlinkMode = (UnixFileMode)0x1FF; // 0777
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static List<PlannedTarEntry> Plan(IEnumerable<LayerEntry> entries, DateTimeOffset timestamp)
    {
        var sorted = entries.ToList();
        sorted.Sort((a, b) => LayerPath.Comparer.Compare(a.Path, b.Path));
        var written = new Dictionary<string, (LayerEntryType Type, UnixFileMode Mode)>(StringComparer.Ordinal);
        var plan = new List<PlannedTarEntry>(sorted.Count);
        foreach (var entry in sorted)
        {
            if (entry.Path.Length == 0)
            {
                throw new InvalidInputException("a layer entry has the image root \"/\" as its path: give each entry a path below the root");
            }

            RefuseWhiteoutNames(entry);
            if (written.ContainsKey(entry.Path))
            {
                throw new ImageBuildException($"the layer has two entries for /{entry.Path}: add each path once (check overlapping source folders)");
            }

            AddMissingParents(entry.Path, written, plan, timestamp);
            var header = HeaderFor(entry, written, timestamp);
            written[entry.Path] = (entry.Type, header.Mode);
            plan.Add(new PlannedTarEntry(header, entry.Type == LayerEntryType.File ? entry.SourcePath : null));
        }

        return plan;
    }

    /// <summary>
    /// A layer we write holds content only: a ".wh." name would delete files of the layers below wherever the
    /// image is unpacked, so a file or folder so named (in a build context, a publish folder) is refused.
    /// </summary>
    private static void RefuseWhiteoutNames(LayerEntry entry)
    {
        if (entry.Path.Split('/').FirstOrDefault(segment => segment.StartsWith(LayerEntryName.WhiteoutPrefix, StringComparison.Ordinal)) is { } name)
        {
            var where = entry.SourcePath is { } source ? $"{source} (/{entry.Path} in the image)" : $"/{entry.Path}";
            throw new InvalidInputException(
                $"{where} has a name starting with \"{LayerEntryName.WhiteoutPrefix}\" (\"{name}\"), which image layers use to delete files of the layers below: rename or remove it");
        }
    }

    private static void AddMissingParents(
        string path,
        Dictionary<string, (LayerEntryType Type, UnixFileMode Mode)> written,
        List<PlannedTarEntry> plan,
        DateTimeOffset timestamp)
    {
        var missing = new Stack<string>();
        for (var parent = LayerPath.Parent(path); parent.Length > 0; parent = LayerPath.Parent(parent))
        {
            if (written.TryGetValue(parent, out var existing))
            {
                if (existing.Type != LayerEntryType.Directory)
                {
                    throw new ImageBuildException($"/{parent} is a {existing.Type.ToString().ToLowerInvariant()} in the layer, but /{path} is under it: make /{parent} a directory or move /{path}");
                }

                break;
            }

            missing.Push(parent);
        }

        foreach (var parent in missing)
        {
            written[parent] = (LayerEntryType.Directory, ExecutableMode);
            plan.Add(new PlannedTarEntry(DirectoryHeader(parent, ExecutableMode, 0, 0, timestamp), null));
        }
    }

    private static TarHeader HeaderFor(
        LayerEntry entry,
        Dictionary<string, (LayerEntryType Type, UnixFileMode Mode)> written,
        DateTimeOffset timestamp)
    {
        var mtime = entry.ModificationTime ?? timestamp;
        switch (entry.Type)
        {
            case LayerEntryType.Directory:
                return DirectoryHeader(entry.Path, entry.Mode ?? ExecutableMode, entry.Uid, entry.Gid, mtime);
            case LayerEntryType.File:
                if (string.IsNullOrEmpty(entry.SourcePath))
                {
                    throw new InvalidInputException($"layer file /{entry.Path} has no source path: set SourcePath to the file on disk");
                }

                return Header(entry, TarEntryType.RegularFile, entry.Mode ?? SourceFileMode(entry), mtime);
            case LayerEntryType.Symlink:
                if (string.IsNullOrEmpty(entry.LinkTarget))
                {
                    throw new InvalidInputException($"layer symlink /{entry.Path} has no target: set LinkTarget");
                }

                return Header(entry, TarEntryType.SymbolicLink, entry.Mode ?? SymlinkMode, mtime) with { LinkName = entry.LinkTarget };
            case LayerEntryType.Hardlink:
                var target = LayerPath.Normalize(entry.LinkTarget ?? string.Empty);
                if (!written.TryGetValue(target, out var linked) || linked.Type == LayerEntryType.Directory)
                {
                    throw new ImageBuildException($"layer hardlink /{entry.Path} points at /{target}, which is not a file earlier in the layer: link to a file that sorts before it");
                }

                return Header(entry, TarEntryType.HardLink, entry.Mode ?? linked.Mode, mtime) with { LinkName = target };
            default:
                throw new InvalidInputException($"layer entry /{entry.Path} has unknown type {entry.Type}");
        }
    }

    private static TarHeader Header(LayerEntry entry, TarEntryType type, UnixFileMode mode, DateTimeOffset mtime) =>
        new() { Name = entry.Path, Type = type, Mode = mode, Uid = entry.Uid, Gid = entry.Gid, ModificationTime = mtime };

    private static TarHeader DirectoryHeader(string path, UnixFileMode mode, int uid, int gid, DateTimeOffset mtime) =>
        new() { Name = path + "/", Type = TarEntryType.Directory, Mode = mode, Uid = uid, Gid = gid, ModificationTime = mtime };

    private static UnixFileMode SourceFileMode(LayerEntry entry)
    {
        if (OperatingSystem.IsWindows())
        {
            return RegularMode;
        }

        try
        {
            return (SourceFiles.Mode(entry.SourcePath!) & AnyExecute) != 0 ? ExecutableMode : RegularMode;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new NotFoundException($"source file {entry.SourcePath} for /{entry.Path} does not exist: check the path or build the project first");
        }
    }
}
