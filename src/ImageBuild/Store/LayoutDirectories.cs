using ImageBuild.IO;
using ImageBuild.Errors;

namespace ImageBuild.Store;

/// <summary>
/// The folders inside a layout (<c>blobs/ALG</c>, <c>ingest</c>, side folders) are made only while the layout's
/// own directory exists. A layout deleted under a running command is then never half re-created: a bare
/// <c>blobs/</c> folder would make the next command refuse the directory as foreign.
/// </summary>
internal static class LayoutDirectories
{
    /// <summary>Creates <paramref name="directory"/> (inside <paramref name="layoutRoot"/>) unless the layout itself is gone.</summary>
    public static void Ensure(string layoutRoot, string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (!Directory.Exists(layoutRoot))
        {
            throw Vanished(layoutRoot);
        }

        Directory.CreateDirectory(directory);
    }

    /// <summary>The one-line failure of a command whose layout directory was deleted while it ran.</summary>
    public static ImageBuildException Vanished(string layoutRoot) =>
        new(FileSystemFailure.DeletedWhileInUse(layoutRoot));
}
