namespace ImageBuild.Layers;

/// <summary>
/// A filesystem tree addressed by clean root-relative paths ("" is the root): a directory on disk for the
/// extractor, an in-memory model for the flattener. Both resolve layer paths with <see cref="RootedPathResolver"/>
/// so they agree on every path.
/// </summary>
internal interface IRootedTree
{
    /// <summary>What <paramref name="relativePath"/> is, without following a symlink at its end.</summary>
    TreeNodeKind GetKind(string relativePath, out string? linkTarget);

    /// <summary>Creates a directory with default attributes; its parent exists and is a directory.</summary>
    void CreateDirectory(string relativePath);
}
