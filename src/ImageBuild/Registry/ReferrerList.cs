using ImageBuild.Oci;

namespace ImageBuild.Registry;

/// <summary>The referrers a registry lists for a subject.</summary>
/// <param name="FromApi">True when the registry's referrers API answered; false when the referrers tag schema did.</param>
public sealed record ReferrerList(IReadOnlyList<Descriptor> Manifests, bool FromApi);
