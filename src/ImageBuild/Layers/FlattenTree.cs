using System.Formats.Tar;
using ImageBuild.Errors;

namespace ImageBuild.Layers;

/// <summary>
/// The flattener's first pass: replays every layer's headers onto an in-memory tree with the same rules
/// and path resolution as <see cref="LayerApplier"/>, so it knows which entry supplies each final path.
/// </summary>
internal sealed class FlattenTree : IRootedTree
{
    private readonly FlattenNode root = new(string.Empty, null, TreeNodeKind.Directory);

    public TreeNodeKind GetKind(string relativePath, out string? linkTarget)
    {
        var node = Find(relativePath);
        linkTarget = node?.LinkTarget;
        return node?.Kind ?? TreeNodeKind.Missing;
    }

    public void CreateDirectory(string relativePath) =>
        Attach(relativePath, new FlattenNode(NameOf(relativePath), null, TreeNodeKind.Directory));

    public void Apply(TarEntry entry, int layer, int ordinal)
    {
        var name = LayerEntryName.Parse(entry);
        switch (name.Role)
        {
            case LayerEntryRole.Opaque:
                var opaque = Find(RootedPathResolver.ResolveDirectory(this, name.Parent, create: true, entry.Name)!)!;
                RemoveLowerChildren(opaque, layer);
                MarkTouched(opaque, layer);
                return;
            case LayerEntryRole.Whiteout:
                var parent = RootedPathResolver.ResolveDirectory(this, name.Parent, create: false, entry.Name);
                if (parent is not null && Find(RootedPathResolver.Child(parent, name.WhiteoutTarget)) is { } target)
                {
                    RemoveLower(target, layer);
                }

                return;
            case LayerEntryRole.Content:
                var directory = RootedPathResolver.ResolveDirectory(this, name.Parent, create: true, entry.Name)!;
                if (Create(RootedPathResolver.Child(directory, name.Name), entry, layer, ordinal) is { } created)
                {
                    MarkTouched(created, layer);
                }

                return;
        }
    }

    /// <summary>Every path below the root, parents before children, names in ordinal order.</summary>
    public IEnumerable<FlattenNode> Walk() => WalkChildren(root);

    private FlattenNode? Create(string path, TarEntry entry, int layer, int ordinal)
    {
        var existing = Find(path);
        FlattenNode node;
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                if (existing is not { Kind: TreeNodeKind.Directory })
                {
                    Remove(existing);
                    existing = Attach(path, new FlattenNode(NameOf(path), null, TreeNodeKind.Directory));
                }

                existing.Layer = layer;
                existing.Ordinal = ordinal;
                existing.DirectoryHeader = TarHeaders.FromEntry(entry, path + "/");
                return existing;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile
                or TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                node = new FlattenNode(NameOf(path), null, TreeNodeKind.Other);
                break;
            case TarEntryType.SymbolicLink:
                node = new FlattenNode(NameOf(path), null, TreeNodeKind.Symlink) { LinkTarget = entry.LinkName };
                break;
            case TarEntryType.HardLink:
                var target = HardLinkTarget(entry);
                if (ReferenceEquals(target, existing))
                {
                    return existing;
                }

                node = new FlattenNode(NameOf(path), null, target.Kind) { LinkTarget = target.LinkTarget };
                node.Group = target.Group ??= new HardlinkGroup(target);
                node.Group.Links.Add(node);
                break;
            default:
                return null;
        }

        Remove(existing);
        node.Layer = layer;
        node.Ordinal = ordinal;
        return Attach(path, node);
    }

    private FlattenNode HardLinkTarget(TarEntry entry)
    {
        var target = LayerPath.SplitArchiveName(entry.LinkName);
        var parent = target.Count == 0 ? null : RootedPathResolver.ResolveDirectory(this, target[..^1], create: false, entry.LinkName);
        var node = parent is null ? null : Find(RootedPathResolver.Child(parent, target[^1]));
        if (node is null or { Kind: TreeNodeKind.Directory })
        {
            throw new ImageBuildException($"layer hardlink \"{entry.Name}\" points at \"{entry.LinkName}\", which is {(node is null ? "missing" : "a directory")}: the layer is malformed; rebuild it");
        }

        return node;
    }

    private void RemoveLower(FlattenNode node, int layer)
    {
        if (node.TouchedLayer != layer)
        {
            Remove(node);
        }
        else if (node.Kind == TreeNodeKind.Directory)
        {
            RemoveLowerChildren(node, layer);
        }
    }

    private void RemoveLowerChildren(FlattenNode directory, int layer)
    {
        foreach (var child in directory.Children!.Values.ToList())
        {
            RemoveLower(child, layer);
        }
    }

    private static void MarkTouched(FlattenNode node, int layer)
    {
        for (var current = node; current is not null && current.TouchedLayer != layer; current = current.Parent)
        {
            current.TouchedLayer = layer;
        }
    }

    private static void Remove(FlattenNode? node)
    {
        if (node?.Parent is null)
        {
            return;
        }

        node.Parent.Children!.Remove(node.Name);
        node.Parent = null;
        var pending = new Stack<FlattenNode>([node]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            current.Group?.Links.Remove(current);
            foreach (var child in current.Children?.Values ?? Enumerable.Empty<FlattenNode>())
            {
                pending.Push(child);
            }
        }
    }

    private FlattenNode Attach(string path, FlattenNode node)
    {
        var parent = Find(LayerPath.Parent(path))!;
        node.Parent = parent;
        parent.Children![node.Name] = node;
        return node;
    }

    private FlattenNode? Find(string path)
    {
        var node = root;
        if (path.Length == 0)
        {
            return node;
        }

        foreach (var segment in path.Split('/'))
        {
            if (node.Children is null || !node.Children.TryGetValue(segment, out node))
            {
                return null;
            }
        }

        return node;
    }

    private static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static IEnumerable<FlattenNode> WalkChildren(FlattenNode directory)
    {
        foreach (var child in directory.Children!.Values.OrderBy(child => child.Name, StringComparer.Ordinal))
        {
            yield return child;
            if (child.Children is not null)
            {
                foreach (var descendant in WalkChildren(child))
                {
                    yield return descendant;
                }
            }
        }
    }
}
