using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Sbom;

namespace ImageBuild.Transfers;

/// <summary>
/// What is attached to an opened image, for <c>referrers</c> and <c>sbom</c>: the referrers of its root and of each
/// platform manifest of its index, read where the image is (the store, a layout, a registry's referrers API or its
/// tag schema).
/// </summary>
public static class ReferrerLookup
{
    /// <param name="artifactType">Only referrers of this artifact type; null for all.</param>
    public static async Task<IReadOnlyList<AttachedReferrer>> ListAsync(ImageSource source, string? artifactType, CancellationToken cancellationToken = default)
    {
        var referrers = source.Referrers
            ?? throw new InvalidInputException($"{source.DisplayName} is in a place that keeps no referrers (an archive); look the image up in the store, a layout or its registry");
        var subjects = new List<(Digest Digest, Platform? Platform)> { (source.Root.Digest, null) };
        if (MediaTypes.IsIndex(source.Root.MediaType))
        {
            var index = OciJson.ParseIndex(await source.Reader.ReadSmallBlobAsync(source.Root, cancellationToken));
            subjects.AddRange(index.Manifests.Where(ContentGraph.HasChildren).Select(m => (m.Digest, m.Platform)));
        }

        var found = new List<AttachedReferrer>();
        foreach (var (subject, platform) in subjects)
        {
            found.AddRange((await referrers.ListReferrersAsync(subject, cancellationToken))
                .Where(r => artifactType is null || r.ArtifactType == artifactType)
                .Select(r => new AttachedReferrer(r, subject, platform)));
        }

        return found;
    }

    /// <summary>SBOMs are documents, read whole and checked against their digest; this bounds them.</summary>
    public const long SbomSizeLimit = 64 * 1024 * 1024;

    /// <summary>
    /// Reads the SPDX document attached to the image's manifest for <paramref name="platform"/> (for an index; null
    /// for this machine's, or the only one). Throws <see cref="NotFoundException"/> when none is attached.
    /// </summary>
    public static async Task<byte[]> ReadSbomAsync(ImageSource source, Platform? platform, CancellationToken cancellationToken = default)
    {
        var image = await ManifestSelector.ResolveAsync(source.Reader, source.Root, platform, source.DisplayName, cancellationToken);
        var attached = (await ListAsync(source, SbomArtifact.MediaType, cancellationToken)).Where(r => r.Subject == image.ManifestDescriptor.Digest).ToList();
        var sbom = attached.Count > 0 ? attached[^1].Descriptor
            : throw new NotFoundException($"{source.DisplayName} ({image.Platform}) has no SBOM attached: build it with --sbom, or publish it with PublishImage (ContainerSbom is on by default)");
        var manifest = OciJson.ParseManifest(await source.Reader.ReadSmallBlobAsync(sbom, cancellationToken));
        var document = manifest.Layers.FirstOrDefault(l => l.MediaType == SbomArtifact.MediaType)
            ?? throw new ImageBuildException($"the SBOM artifact {sbom.Digest} of {source.DisplayName} holds no {SbomArtifact.MediaType} layer");
        return await source.Reader.ReadSmallBlobAsync(document, SbomSizeLimit, cancellationToken);
    }
}
