using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>A blob the graph names but the source does not hold, and the document that named it.</summary>
public sealed record MissingBlob(Descriptor Blob, Descriptor? Parent)
{
    /// <summary>True when the source may legitimately lack the blob (<see cref="MissingBlobPolicy"/>).</summary>
    public bool IsTolerated => MissingBlobPolicy.IsTolerated(Blob, Parent);
}
