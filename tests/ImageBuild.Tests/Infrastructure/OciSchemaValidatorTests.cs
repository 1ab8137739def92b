using System.Text;

namespace ImageBuild.Tests.Infrastructure;

/// <summary>The validator accepts the spec's own example and rejects what the spec forbids, so it can fail.</summary>
public sealed class OciSchemaValidatorTests(OciSchemaFixture schemas) : IClassFixture<OciSchemaFixture>
{
    private const string Config = """{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7","size":7023}""";
    private const string Layer = """{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:9834876dcfb05cb167a5c24953eba58c4ac89b1adf57f28f2f9d09af107ee8f0","size":32654}""";

    [Fact]
    public void AcceptsTheSpecsExampleManifest()
    {
        Assert.Empty(Validate(OciSchemaKind.Manifest, $$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{{Config}},"layers":[{{Layer}}]}"""));
    }

    [Theory]
    [InlineData("""{"schemaVersion":2,"layers":[LAYER]}""", "config")]
    [InlineData("""{"schemaVersion":2,"config":CONFIG,"layers":[]}""", "layers")]
    [InlineData("""{"schemaVersion":1,"config":CONFIG,"layers":[LAYER]}""", "schemaVersion")]
    [InlineData("""{"schemaVersion":2,"mediaType":"not a media type","config":CONFIG,"layers":[LAYER]}""", "mediaType")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":1},"layers":[LAYER]}""", "digest")]
    [InlineData("""{"schemaVersion":2,"config":CONFIG,"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF01234567","size":1}]}""", "layers[0].digest")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:abc","size":1},"layers":[LAYER]}""", "config.digest")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"md5:d41d8cd98f00b204e9800998ecf8427e","size":1},"layers":[LAYER]}""", "config.digest")]
    public void RejectsBrokenManifests(string template, string expectedProblem)
    {
        var errors = Validate(OciSchemaKind.Manifest, template.Replace("CONFIG", Config, StringComparison.Ordinal).Replace("LAYER", Layer, StringComparison.Ordinal));

        Assert.Contains(errors, e => e.Contains(expectedProblem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"schemaVersion":2}""", "manifests")]
    [InlineData("""{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:0","size":1}]}""", "manifests[0].digest")]
    [InlineData("""{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7","size":1,"platform":{"os":"linux"}}]}""", "architecture")]
    public void RejectsBrokenIndexes(string json, string expectedProblem)
    {
        Assert.Contains(Validate(OciSchemaKind.Index, json), e => e.Contains(expectedProblem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{"Env":["NO_EQUALS_SIGN"]}}""", "config.Env")]
    [InlineData("""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{"Env":["=value"]}}""", "config.Env")]
    [InlineData("""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:1234"]}}""", "rootfs.diff_ids")]
    [InlineData("""{"architecture":"amd64","os":"linux"}""", "rootfs")]
    [InlineData("""{"os":"linux","rootfs":{"type":"layers","diff_ids":[]}}""", "architecture")]
    public void RejectsBrokenConfigs(string json, string expectedProblem)
    {
        Assert.Contains(Validate(OciSchemaKind.Config, json), e => e.Contains(expectedProblem, StringComparison.Ordinal));
    }

    [Fact]
    public void AcceptsAMinimalConfigWithAnEmptyEnvValue()
    {
        Assert.Empty(Validate(OciSchemaKind.Config, """{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{"Env":["EMPTY="]}}"""));
    }

    [Fact]
    public void ChecksTheLayoutMarkerAndDescriptors()
    {
        Assert.NotEmpty(Validate(OciSchemaKind.Layout, "{}"));
        Assert.Empty(Validate(OciSchemaKind.Descriptor, Layer));
        Assert.NotEmpty(Validate(OciSchemaKind.Descriptor, Layer.Replace("sha256:98", "sha256:Z8", StringComparison.Ordinal)));
    }

    [Fact]
    public void ReportsInvalidJson()
    {
        Assert.Contains(Validate(OciSchemaKind.Manifest, "{\"schemaVersion\":"), e => e.StartsWith("not JSON", StringComparison.Ordinal));
    }

    private IReadOnlyList<string> Validate(OciSchemaKind kind, string json) =>
        schemas.Validator.Validate(kind, Encoding.UTF8.GetBytes(json));
}
