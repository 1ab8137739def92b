using System.Globalization;
using ImageBuild.Content;
using ImageBuild.Oci;

namespace ImageBuild.Sbom;

/// <summary>
/// An SPDX document packed as an OCI 1.1 artifact that refers to the image: a manifest with artifactType
/// <c>application/spdx+json</c>, the empty config, the document as its one layer, and the image manifest as its
/// subject, so registries list it as a referrer of the image.
/// </summary>
public sealed record SbomArtifact(ReadOnlyMemory<byte> Document, Descriptor DocumentDescriptor, JsonBlob<ImageManifest> Manifest, Referrer Referrer)
{
    public const string MediaType = "application/spdx+json";

    /// <summary>The empty JSON object <c>{}</c>, the config of artifacts that have none.</summary>
    public static ReadOnlyMemory<byte> EmptyConfig { get; } = "{}"u8.ToArray();

    public static Descriptor EmptyConfigDescriptor { get; } = new() { MediaType = MediaTypes.OciEmpty, Digest = Digest.Compute(EmptyConfig.Span), Size = EmptyConfig.Length };

    public static SbomArtifact Create(ReadOnlyMemory<byte> document, Descriptor subject, DateTimeOffset created)
    {
        var documentDescriptor = new Descriptor
        {
            MediaType = MediaType,
            Digest = Digest.Compute(document.Span),
            Size = document.Length,
            Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { [Annotations.Title] = "sbom.spdx.json" },
        };
        var manifest = JsonBlobs.Manifest(new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            ArtifactType = MediaType,
            Config = EmptyConfigDescriptor,
            Layers = [documentDescriptor],
            Subject = new Descriptor { MediaType = subject.MediaType, Digest = subject.Digest, Size = subject.Size },
            Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [Annotations.Created] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            },
        });
        var referrer = new Referrer(ReferrerGraph.Describe(manifest.ToDescriptor(), manifest.Value), subject.Digest);
        return new SbomArtifact(document, documentDescriptor, manifest, referrer);
    }
}
