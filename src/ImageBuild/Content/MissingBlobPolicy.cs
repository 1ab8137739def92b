using ImageBuild.Errors;
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

    /// <summary>
    /// Whether a blob that may be absent is in <paramref name="reader"/>. Its first byte is read, since a stream
    /// may open its source only then (a push hands out such streams so that mounted blobs are never requested).
    /// </summary>
    internal static async Task<bool> IsPresentAsync(IBlobReader reader, Descriptor blob, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = await reader.OpenBlobAsync(blob, cancellationToken);
            return await content.ReadAsync(new byte[1], cancellationToken) >= 0;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
