using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>
/// A manifest that refers to another through its <c>subject</c> (an SBOM, a signature): content that travels with
/// the image it describes but does not belong to its graph.
/// </summary>
/// <param name="Descriptor">The referrer's manifest as a referrers list shows it: with its artifactType and annotations.</param>
/// <param name="Subject">The manifest or index it refers to.</param>
public sealed record Referrer(Descriptor Descriptor, Digest Subject);
