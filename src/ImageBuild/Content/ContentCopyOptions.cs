namespace ImageBuild.Content;

/// <summary>How a <see cref="ContentCopier"/> treats content the source does not have.</summary>
public sealed record ContentCopyOptions
{
    public static ContentCopyOptions Default { get; } = new();

    /// <summary>
    /// Tolerate manifests (or nested indexes) listed by an index but missing from the source, as after a
    /// single-platform pull; the index is still copied whole.
    /// </summary>
    public bool AllowMissingIndexChildren { get; init; }
}
