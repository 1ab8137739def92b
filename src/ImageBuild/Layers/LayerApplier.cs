using System.Formats.Tar;
using ImageBuild.Errors;

namespace ImageBuild.Layers;

/// <summary>
/// Applies one layer tar onto a <see cref="DiskTree"/> with the OCI rules. Whiteouts and opaque markers only
/// remove what lower layers left: paths this layer already wrote (and their parents) are kept, which is
/// what makes an opaque marker act first wherever it sits in the tar.
/// </summary>
internal sealed class LayerApplier(DiskTree tree, LayerExtractorOptions options)
{
    // Set-user/group-ID bits only mean what the image meant with the image's owners; without them they would grant the extracting user's.
    private const UnixFileMode SetIdBits = UnixFileMode.SetUser | UnixFileMode.SetGroup;

    private readonly HashSet<string> touched = new(StringComparer.Ordinal);
    private readonly List<(string Path, TarEntry Entry)> directories = [];

    public async Task ApplyAsync(Stream uncompressedTar, CancellationToken cancellationToken = default)
    {
        await using var reader = new TarReader(uncompressedTar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            await ApplyEntryAsync(entry, cancellationToken);
        }

        // Directory attributes go last: writing children would change their mtimes, and a read-only mode would block them.
        // A later entry may have replaced a parent by a symlink since, so each path is proven again, link by link.
        foreach (var (path, entry) in directories)
        {
            if (RootedPathResolver.IsDirectoryWithoutSymlinks(tree, path))
            {
                SetAttributes(tree.HostPath(path), entry);
            }
        }
    }

    private async Task ApplyEntryAsync(TarEntry entry, CancellationToken cancellationToken)
    {
        var name = LayerEntryName.Parse(entry);
        switch (name.Role)
        {
            case LayerEntryRole.Opaque:
                var opaque = RootedPathResolver.ResolveDirectory(tree, name.Parent, create: true, entry.Name)!;
                RemoveLowerChildren(opaque);
                MarkTouched(opaque);
                return;
            case LayerEntryRole.Whiteout:
                var parent = RootedPathResolver.ResolveDirectory(tree, name.Parent, create: false, entry.Name);
                if (parent is not null)
                {
                    RemoveLower(RootedPathResolver.Child(parent, name.WhiteoutTarget));
                }

                return;
            case LayerEntryRole.Content:
                var directory = RootedPathResolver.ResolveDirectory(tree, name.Parent, create: true, entry.Name)!;
                var path = RootedPathResolver.Child(directory, name.Name);
                if (await CreateAsync(path, entry, cancellationToken))
                {
                    MarkTouched(path);
                }

                return;
        }
    }

    private async Task<bool> CreateAsync(string path, TarEntry entry, CancellationToken cancellationToken)
    {
        var host = tree.HostPath(path);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                if (tree.GetKind(path) != TreeNodeKind.Directory)
                {
                    tree.Delete(path);
                    tree.CreateDirectory(path);
                }

                directories.Add((path, entry));
                return true;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                tree.Delete(path);
                await using (var file = new FileStream(host, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    if (entry.DataStream is not null)
                    {
                        await entry.DataStream.CopyToAsync(file, cancellationToken);
                    }
                }

                SetAttributes(host, entry);
                return true;
            case TarEntryType.SymbolicLink:
                tree.Delete(path);
                File.CreateSymbolicLink(host, entry.LinkName);
                SetOwner(host, entry);
                return true;
            case TarEntryType.HardLink:
                return CreateHardLink(path, entry);
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice when options.CreateDevices:
            case TarEntryType.Fifo:
                tree.Delete(path);
                return TryCreateSpecialFile(host, entry);
            default:
                return false;
        }
    }

    private bool CreateHardLink(string path, TarEntry entry)
    {
        var target = LayerPath.SplitArchiveName(entry.LinkName);
        var targetParent = target.Count == 0
            ? null
            : RootedPathResolver.ResolveDirectory(tree, target[..^1], create: false, entry.LinkName);
        var targetPath = targetParent is null ? null : RootedPathResolver.Child(targetParent, target[^1]);
        var kind = targetPath is null ? TreeNodeKind.Missing : tree.GetKind(targetPath);
        if (kind is TreeNodeKind.Missing or TreeNodeKind.Directory)
        {
            throw new ImageBuildException($"layer hardlink \"{entry.Name}\" points at \"{entry.LinkName}\", which is {(kind == TreeNodeKind.Missing ? "missing" : "a directory")}: the layer is malformed; rebuild it");
        }

        if (targetPath == path)
        {
            return true;
        }

        tree.Delete(path);
        if (OperatingSystem.IsWindows())
        {
            File.Copy(tree.HostPath(targetPath!), tree.HostPath(path));
        }
        else
        {
            UnixNative.CreateHardLink(tree.HostPath(targetPath!), tree.HostPath(path));
        }

        return true;
    }

    private bool TryCreateSpecialFile(string host, TarEntry entry)
    {
        try
        {
            entry.ExtractToFile(host, overwrite: false);
            SetOwner(host, entry);
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // Without CAP_MKNOD (rootless, most containers) devices cannot exist; the image works without them.
            return false;
        }
    }

    /// <summary>Deletes what a whiteout names, unless this layer wrote it; then only lower content below it goes.</summary>
    private void RemoveLower(string path)
    {
        if (!touched.Contains(path))
        {
            tree.Delete(path);
        }
        else if (tree.GetKind(path) == TreeNodeKind.Directory)
        {
            RemoveLowerChildren(path);
        }
    }

    private void RemoveLowerChildren(string directory)
    {
        foreach (var child in tree.ChildNames(directory))
        {
            RemoveLower(RootedPathResolver.Child(directory, child));
        }
    }

    private void MarkTouched(string path)
    {
        for (var current = path; touched.Add(current) && current.Length > 0; current = LayerPath.Parent(current))
        {
        }
    }

    private void SetAttributes(string host, TarEntry entry)
    {
        if (!OperatingSystem.IsWindows())
        {
            // Owner first: chown clears set-user/group-id bits that the mode then restores.
            SetOwner(host, entry);
            File.SetUnixFileMode(host, options.PreserveOwnership ? entry.Mode : entry.Mode & ~SetIdBits);
        }

        var mtime = entry.ModificationTime.UtcDateTime;
        if (entry.EntryType == TarEntryType.Directory)
        {
            Directory.SetLastWriteTimeUtc(host, mtime);
        }
        else
        {
            File.SetLastWriteTimeUtc(host, mtime);
        }
    }

    private void SetOwner(string host, TarEntry entry)
    {
        // A refusal (not root after all, an id the filesystem cannot map) must not fail the extraction.
        if (options.PreserveOwnership && !OperatingSystem.IsWindows())
        {
            UnixNative.TrySetOwner(host, entry.Uid, entry.Gid);
        }
    }
}
