using System.Security.Cryptography;
using System.Text;
using ImageBuild.Oci;

namespace ImageBuild.Tests.Oci;

/// <summary>Digests are of the exact bytes read or written, and written bytes look like every other tool's.</summary>
public sealed class ExactBytesTests
{
    [Fact]
    public void ParsedBlobKeepsTheBytesItWasReadFrom()
    {
        // Indented, with keys in an unusual order: a re-serialization would change the digest.
        var bytes = Encoding.UTF8.GetBytes("""
            {
              "layers": [],
              "config": { "size": 2, "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", "mediaType": "application/vnd.oci.empty.v1+json" },
              "schemaVersion": 2
            }
            """);

        var blob = JsonBlobs.ParseManifest(bytes);

        Assert.Equal(bytes, blob.Bytes.ToArray());
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), blob.Digest.ToString());
        Assert.Equal(bytes.Length, blob.Size);
        Assert.NotEqual(Digest.Compute(OciJson.Serialize(blob.Value)), blob.Digest);
        Assert.Equal(MediaTypes.OciManifest, blob.MediaType);
    }

    [Fact]
    public void BlobMadeFromAValueDescribesItsSerializedBytes()
    {
        var manifest = OciSamples.Manifest();

        var blob = JsonBlobs.Manifest(manifest);
        var descriptor = blob.ToDescriptor();

        var bytes = OciJson.Serialize(manifest);
        Assert.Equal(bytes, blob.Bytes.ToArray());
        Assert.Equal(MediaTypes.OciManifest, descriptor.MediaType);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), descriptor.Digest.ToString());
        Assert.Equal(bytes.Length, descriptor.Size);
    }

    [Fact]
    public void ConfigBlobCarriesTheMediaTypeItWasGiven()
    {
        var blob = JsonBlobs.Config(OciSamples.Config(), MediaTypes.DockerConfig);

        Assert.Equal(MediaTypes.DockerConfig, blob.ToDescriptor().MediaType);
        Assert.Equal(Digest.Compute(blob.Bytes.Span), blob.Digest);
    }

    [Fact]
    public void OutputDoesNotEscapePlusOrNonAscii()
    {
        var manifest = OciSamples.Manifest() with
        {
            Annotations = new Dictionary<string, string> { [Annotations.Description] = "café ☕ <b>&</b>" },
        };

        var text = Encoding.UTF8.GetString(OciJson.Serialize(manifest));

        Assert.Contains("application/vnd.oci.image.manifest.v1+json", text, StringComparison.Ordinal);
        Assert.Contains("application/vnd.oci.image.layer.v1.tar+gzip", text, StringComparison.Ordinal);
        Assert.Contains("café ☕", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void OutputIsCompactInSpecOrderWithoutNulls()
    {
        var manifest = OciSamples.Manifest() with { Annotations = null };

        var text = Encoding.UTF8.GetString(OciJson.Serialize(manifest));

        Assert.StartsWith("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("null", text, StringComparison.Ordinal);
        Assert.DoesNotContain("subject", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LayoutMarkerIsTheSpecsDocument()
    {
        Assert.Equal("""{"imageLayoutVersion":"1.0.0"}""", Encoding.UTF8.GetString(OciJson.Serialize(new ImageLayoutMarker())));
    }
}
