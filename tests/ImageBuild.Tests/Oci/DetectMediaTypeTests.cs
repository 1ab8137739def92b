using System.Text;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Tests.Oci;

public sealed class DetectMediaTypeTests
{
    [Theory]
    [InlineData(MediaTypes.DockerManifestList)]
    [InlineData(MediaTypes.DockerManifest)]
    [InlineData(MediaTypes.OciIndex)]
    [InlineData("application/vnd.example.unknown+json")]
    public void TheDocumentsOwnMediaTypeWins(string mediaType)
    {
        var json = $$"""{"schemaVersion":2,"mediaType":"{{mediaType}}","config":{},"layers":[]}""";

        Assert.Equal(mediaType, OciJson.DetectMediaType(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void AnIndexWithoutMediaTypeIsRecognisedByItsManifests()
    {
        Assert.Equal(MediaTypes.OciIndex, OciJson.DetectMediaType("""{"schemaVersion":2,"manifests":[]}"""u8));
    }

    [Fact]
    public void AManifestWithoutMediaTypeIsRecognisedByItsConfig()
    {
        Assert.Equal(MediaTypes.OciManifest, OciJson.DetectMediaType(JsonBlobs.Manifest(OciSamples.Manifest() with { MediaType = null }).Bytes.Span));
    }

    [Theory]
    [InlineData("""{"schemaVersion":2}""", "neither an image manifest nor an index")]
    [InlineData("""{"schemaVersion":2,""", "invalid manifest")]
    [InlineData("null", "JSON null")]
    public void RejectsDocumentsThatAreNeither(string json, string expectedMessagePart)
    {
        var error = Assert.Throws<ImageBuildException>(() => OciJson.DetectMediaType(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
    }
}
