using ImageBuild.Content;
using ImageBuild.Oci;

namespace ImageBuild.Transfers;

/// <summary>What a copy did.</summary>
/// <param name="SourceRoot">The root the source named (an index when the source is multi-platform).</param>
/// <param name="Root">The root written: <paramref name="SourceRoot"/>, or the manifest chosen from it for one platform.</param>
/// <param name="Summary">Blobs written and skipped; nothing at all when the destination is the source's own repository.</param>
public sealed record CopyResult(Descriptor SourceRoot, Descriptor Root, ContentCopySummary Summary)
{
    /// <summary>True when the destination already held everything (only the name may have changed).</summary>
    public bool NothingCopied => Summary.BlobsCopied == 0;
}
