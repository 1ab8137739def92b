namespace ImageBuild.Archives;

/// <summary>The role a blob plays in an image graph.</summary>
internal enum ImageBlobKind
{
    Index,
    Manifest,
    Config,
    Layer,
    Other,
}
