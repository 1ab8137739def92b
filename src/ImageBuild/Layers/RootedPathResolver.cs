using ImageBuild.Errors;

namespace ImageBuild.Layers;

/// <summary>
/// Resolves the directory part of a layer path inside a tree the way the container will see it: symlinks
/// are followed with the tree as "/", so an absolute target such as /etc means the image's /etc, never the
/// host's. A relative target that climbs above the root is refused, as is a path through a file.
/// </summary>
internal static class RootedPathResolver
{
    private const int MaxSymlinks = 40;

    /// <summary>
    /// The real (symlink-free) root-relative path of the directory <paramref name="segments"/> names.
    /// Missing directories are created when <paramref name="create"/>; otherwise a missing one gives null,
    /// and so does a file on the way: no directory of that name exists to look into. umoci writes such
    /// paths when a layer replaces a directory by a file, as "d" followed by whiteouts "d/.wh.child".
    /// </summary>
    public static string? ResolveDirectory(IRootedTree tree, IReadOnlyList<string> segments, bool create, string entryName)
    {
        var resolved = new List<string>();
        var pending = new Stack<string>();
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            pending.Push(segments[i]);
        }

        var symlinks = 0;
        while (pending.Count > 0)
        {
            var segment = pending.Pop();
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (resolved.Count == 0)
                {
                    throw Escape(entryName);
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            var candidate = resolved.Count == 0 ? segment : $"{string.Join('/', resolved)}/{segment}";
            switch (tree.GetKind(candidate, out var target))
            {
                case TreeNodeKind.Directory:
                    resolved.Add(segment);
                    break;
                case TreeNodeKind.Missing when create:
                    tree.CreateDirectory(candidate);
                    resolved.Add(segment);
                    break;
                case TreeNodeKind.Missing:
                    return null;
                case TreeNodeKind.Other when !create:
                    return null;
                case TreeNodeKind.Symlink:
                    if (++symlinks > MaxSymlinks || string.IsNullOrEmpty(target))
                    {
                        throw new ImageBuildException($"layer entry \"{entryName}\" goes through symlink /{candidate} that loops or is empty: the layer is malformed; rebuild it");
                    }

                    if (target.StartsWith('/'))
                    {
                        resolved.Clear();
                    }

                    var targetSegments = target.Split('/');
                    for (var i = targetSegments.Length - 1; i >= 0; i--)
                    {
                        pending.Push(targetSegments[i]);
                    }

                    break;
                default:
                    throw new ImageBuildException($"layer entry \"{entryName}\" needs /{candidate} to be a directory, but it is a file: the layers conflict; rebuild the upper layer");
            }
        }

        return string.Join('/', resolved);
    }

    /// <summary>
    /// Whether a resolved path is, right now, a directory reached through directories only: each prefix is
    /// lstat-ed after its parent was proven, so a symlink anywhere on the way gives false, never a host path.
    /// </summary>
    public static bool IsDirectoryWithoutSymlinks(IRootedTree tree, string resolvedPath)
    {
        var end = -1;
        do
        {
            end = resolvedPath.IndexOf('/', end + 1);
            var prefix = end < 0 ? resolvedPath : resolvedPath[..end];
            if (tree.GetKind(prefix, out _) != TreeNodeKind.Directory)
            {
                return false;
            }
        }
        while (end >= 0);

        return true;
    }

    /// <summary>Joins a resolved directory and a child name.</summary>
    public static string Child(string directory, string name) => directory.Length == 0 ? name : $"{directory}/{name}";

    private static ImageBuildException Escape(string entryName) =>
        new($"layer entry \"{entryName}\" goes through a symlink that leads outside the image root: the layer is malformed or hostile; rebuild it from a trusted source");
}
