using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.Sbom;
using ImageBuild.Store;

namespace ImageBuild.Building;

/// <summary>Writes the SBOM artifact of one built platform manifest into the store, where outputs read it from.</summary>
internal static class SbomAttachment
{
    public static async Task<SbomArtifact> WriteAsync(OciLayout layout, SbomImage image, SbomInputs inputs, CancellationToken cancellationToken = default)
    {
        var artifact = SbomArtifact.Create(SpdxWriter.Write(image, inputs), image.Manifest, image.Created);
        await layout.WriteBytesAsync(SbomArtifact.EmptyConfig, MediaTypes.OciEmpty, cancellationToken);
        await layout.WriteBytesAsync(artifact.Document, SbomArtifact.MediaType, cancellationToken);
        await layout.WriteJsonAsync(artifact.Manifest, cancellationToken);
        return artifact;
    }
}
