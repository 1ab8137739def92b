using ImageBuild.Errors;

namespace ImageBuild.Archives;

/// <summary>
/// Normalizes the paths of entries inside an archive and of the files its manifests name. Nothing is extracted
/// to disk, but a path that is absolute or climbs out with ".." has no place in an image archive and is refused.
/// </summary>
internal static class ArchivePaths
{
    /// <summary>"./a//b/" -> "a/b"; "" for the archive root itself.</summary>
    public static string Normalize(string path, string archiveName)
    {
        if (path.StartsWith('/') || path.Contains('\\') || path.Contains('\0'))
        {
            throw Escaping(path, archiveName);
        }

        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                throw Escaping(path, archiveName);
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>The entry a symbolic link at <paramref name="linkPath"/> points to; ".." is allowed while it stays inside.</summary>
    public static string ResolveSymlinkTarget(string linkPath, string target, string archiveName)
    {
        if (target.StartsWith('/'))
        {
            throw Escaping($"{linkPath} -> {target}", archiveName);
        }

        var parts = linkPath.Split('/').SkipLast(1).ToList();
        foreach (var part in target.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    throw Escaping($"{linkPath} -> {target}", archiveName);
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    private static ImageBuildException Escaping(string path, string archiveName) =>
        new($"{archiveName} is not a valid image archive: the path \"{path}\" points outside the archive; recreate the archive with a standard tool");
}
