using System.Text;
using System.Text.Json.Nodes;
using ImageBuild.Cli.Rendering;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Registry.Remote;

namespace ImageBuild.Tests.Rendering;

public sealed class ManifestInspectJsonTests
{
    private static readonly byte[] DockerManifest = Encoding.UTF8.GetBytes(
        """{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":2,"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},"layers":[]}""");

    [Fact]
    public void DockerManifestsGoUnderSchemaV2ManifestWithDockersPlatformFieldOrder()
    {
        var platform = new Platform { Os = "windows", Architecture = "amd64", OsVersion = "10.0.20348.2340", OsFeatures = ["win32k"], Variant = "v3" };
        var manifest = Inspected("registry.test/app:1", DockerManifest, MediaTypes.DockerManifest, platform);

        var text = ManifestInspectJson.Verbose([manifest], isIndex: false);

        var json = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["Ref", "Descriptor", "Raw", "SchemaV2Manifest"], json.Select(p => p.Key));
        Assert.Equal(["mediaType", "digest", "size", "platform"], json["Descriptor"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["architecture", "os", "os.version", "os.features", "variant"], json["Descriptor"]!["platform"]!.AsObject().Select(p => p.Key));
        Assert.Equal(DockerManifest, Convert.FromBase64String((string)json["Raw"]!));
        Assert.StartsWith("{\n\t\"Ref\": \"registry.test/app:1\",\n\t\"Descriptor\": {\n\t\t\"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\",", text, StringComparison.Ordinal);

        // The manifest keeps its own member order (size before digest here), only re-indented.
        Assert.Contains("\t\"SchemaV2Manifest\": {\n\t\t\"schemaVersion\": 2,", text, StringComparison.Ordinal);
        Assert.Contains("\t\t\t\"size\": 2,\n\t\t\t\"digest\": \"sha256:44136fa", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIndexIsAnArrayAndAManifestWithoutPlatformOmitsIt()
    {
        var manifest = Inspected("registry.test/app:1@" + Digest.Compute(DockerManifest), DockerManifest, MediaTypes.DockerManifest, platform: null);

        var json = JsonNode.Parse(ManifestInspectJson.Verbose([manifest, manifest], isIndex: true))!.AsArray();

        Assert.Equal(2, json.Count);
        Assert.False(json[0]!["Descriptor"]!.AsObject().ContainsKey("platform"));
        Assert.Equal($"registry.test/app:1@{Digest.Compute(DockerManifest)}", (string)json[1]!["Ref"]!);
    }

    private static InspectedManifest Inspected(string reference, byte[] bytes, string mediaType, Platform? platform) =>
        new(ImageReference.Parse(reference), new Descriptor { MediaType = mediaType, Digest = Digest.Compute(bytes), Size = bytes.Length, Platform = platform }, bytes);
}
