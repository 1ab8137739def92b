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

    [Fact]
    public void AnIndexPrintsAsTheListDockerBuildsFromItsEntries()
    {
        var index = new ImageIndex
        {
            MediaType = MediaTypes.OciIndex,
            Manifests =
            [
                new Descriptor
                {
                    MediaType = MediaTypes.DockerManifest, Digest = Digest.Compute(DockerManifest), Size = DockerManifest.Length,
                    Platform = new Platform { Os = "windows", Architecture = "amd64", OsVersion = "10.0.20348", OsFeatures = ["win32k"], Variant = "v2", Features = ["sse4"] },
                    Annotations = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = "1" },
                },
                new Descriptor { MediaType = MediaTypes.DockerManifest, Digest = Digest.Compute("b"u8), Size = 1 },
            ],
            Annotations = new Dictionary<string, string> { ["created"] = "now" },
        };

        var text = ManifestInspectJson.PlainIndex(index);

        // distribution's manifest list: three-space indent, descriptor fields then the platform, which is never
        // omitted; annotations, URLs and features are not carried, and a list of Docker manifests is a Docker list.
        Assert.Equal(
            $$"""
            {
               "schemaVersion": 2,
               "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
               "manifests": [
                  {
                     "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                     "size": {{DockerManifest.Length}},
                     "digest": "{{Digest.Compute(DockerManifest)}}",
                     "platform": {
                        "architecture": "amd64",
                        "os": "windows",
                        "os.version": "10.0.20348",
                        "os.features": [
                           "win32k"
                        ],
                        "variant": "v2"
                     }
                  },
                  {
                     "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                     "size": 1,
                     "digest": "{{Digest.Compute("b"u8)}}",
                     "platform": {
                        "architecture": "",
                        "os": ""
                     }
                  }
               ]
            }
            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void AnIndexOfOciManifestsIsAnOciIndexAndAnEmptyOneADockerList()
    {
        var oci = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Digest.Compute("a"u8), Size = 1, Platform = new Platform { Os = "linux", Architecture = "arm64", Variant = "v8" } };

        Assert.Contains("\"mediaType\": \"application/vnd.oci.image.index.v1+json\"", ManifestInspectJson.PlainIndex(new ImageIndex { MediaType = MediaTypes.DockerManifestList, Manifests = [oci] }), StringComparison.Ordinal);
        Assert.Equal(
            "{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"application/vnd.docker.distribution.manifest.list.v2+json\",\n   \"manifests\": []\n}",
            ManifestInspectJson.PlainIndex(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = [] }));
    }

    private static InspectedManifest Inspected(string reference, byte[] bytes, string mediaType, Platform? platform) =>
        new(ImageReference.Parse(reference), new Descriptor { MediaType = mediaType, Digest = Digest.Compute(bytes), Size = bytes.Length, Platform = platform }, bytes);
}
