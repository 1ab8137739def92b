using CsCheck;
using ImageBuild.Oci;
using ImageBuild.Tests.Infrastructure;

namespace ImageBuild.Tests.Oci;

/// <summary>What the model writes validates against the image-spec's own schemas.</summary>
public sealed class OciSchemaConformanceTests(OciSchemaFixture schemas) : IClassFixture<OciSchemaFixture>
{
    private OciSchemaValidator Validator => schemas.Validator;

    [Fact]
    public void ManifestValidates()
    {
        var manifest = OciSamples.Manifest() with { Subject = OciSamples.Layer("subject") with { MediaType = MediaTypes.OciManifest } };

        Validator.AssertValid(OciSchemaKind.Manifest, OciJson.Serialize(manifest));
    }

    [Fact]
    public void IndexValidates()
    {
        Validator.AssertValid(OciSchemaKind.Index, OciJson.Serialize(OciSamples.Index()));
    }

    [Fact]
    public void ConfigValidates()
    {
        Validator.AssertValid(OciSchemaKind.Config, OciJson.Serialize(OciSamples.Config()));
    }

    [Fact]
    public void LayoutIndexAndMarkerValidate()
    {
        var manifest = JsonBlobs.Manifest(OciSamples.Manifest()).ToDescriptor();
        var indexJson = new ImageIndex
        {
            Manifests = [manifest with { Annotations = new Dictionary<string, string> { [Annotations.RefName] = "1.0" } }],
        };

        Validator.AssertValid(OciSchemaKind.Index, OciJson.Serialize(indexJson));
        Validator.AssertValid(OciSchemaKind.Layout, OciJson.Serialize(new ImageLayoutMarker()));
    }

    [Fact]
    public void ManifestsOfAnyShapeValidate()
    {
        var layer = Gen.Select(Gen.Byte.Array[0, 64], Gen.OneOfConst(MediaTypes.OciLayer, MediaTypes.OciLayerGzip, MediaTypes.OciLayerZstd))
            .Select((content, mediaType) => new Descriptor { MediaType = mediaType, Digest = Digest.Compute(content), Size = content.Length });
        var annotations = Gen.Dictionary(Gen.String[Gen.Char.AlphaNumeric, 1, 20], Gen.String).Null();

        Gen.Select(layer.List[1, 5], annotations).Sample((layers, extra) =>
        {
            var manifest = OciSamples.Manifest() with { Layers = layers, Annotations = extra };
            return Validator.Validate(OciSchemaKind.Manifest, OciJson.Serialize(manifest)).Count == 0;
        });
    }
}
