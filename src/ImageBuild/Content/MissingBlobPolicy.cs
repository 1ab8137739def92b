using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>
/// Which blobs a graph may lack, for every walk, copy, check, save and push alike: a child of an index (a
/// platform, or an artifact, left out by a single-platform pull or load) and a foreign layer, which is fetched
/// from its <c>urls</c>. Any other absent blob makes the image incomplete.
/// </summary>
public static class MissingBlobPolicy
{
    /// <summary>True when <paramref name="blob"/>, named by <paramref name="parent"/> (null for a root), may be absent.</summary>
    public static bool IsTolerated(Descriptor blob, Descriptor? parent) =>
        blob.Urls is { Count: > 0 } || (parent is not null && MediaTypes.IsIndex(parent.MediaType));
}
