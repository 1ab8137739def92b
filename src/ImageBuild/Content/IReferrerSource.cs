using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>Somewhere that knows which manifests refer to a subject: a registry's referrers API, the store, a layout.</summary>
public interface IReferrerSource
{
    /// <summary>
    /// The referrers of <paramref name="subject"/>, each described as in a referrers list (artifactType,
    /// annotations); empty when there are none.
    /// </summary>
    Task<IReadOnlyList<Descriptor>> ListReferrersAsync(Digest subject, CancellationToken cancellationToken = default);
}
