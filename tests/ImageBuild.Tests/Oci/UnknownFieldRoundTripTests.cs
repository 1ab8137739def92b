using System.Text;
using System.Text.Json.Nodes;
using ImageBuild.Oci;

namespace ImageBuild.Tests.Oci;

/// <summary>
/// A read-modify-write must change only what was modified: fields the model does not know (Docker's
/// extras, future spec fields, vendor keys) survive at every level.
/// </summary>
public sealed class UnknownFieldRoundTripTests
{
    private const string DockerConfig = """
        {
          "architecture": "amd64",
          "os": "linux",
          "created": "2024-05-06T07:08:09.123456789Z",
          "docker_version": "24.0.7",
          "container": "3b1a6e1b2c3d",
          "container_config": {
            "Hostname": "3b1a6e1b2c3d",
            "Cmd": ["/bin/sh", "-c", "#(nop) CMD [\"sh\"]"],
            "Image": "sha256:1111111111111111111111111111111111111111111111111111111111111111",
            "OnBuild": null,
            "Labels": {}
          },
          "config": {
            "Env": ["PATH=/usr/bin:/bin"],
            "Cmd": ["sh"],
            "Healthcheck": { "Test": ["CMD-SHELL", "wget -q localhost || exit 1"], "Interval": 30000000000, "Retries": 3 },
            "OnBuild": ["RUN echo hi"],
            "Shell": ["/bin/sh", "-c"],
            "AttachStdin": false,
            "ExposedPorts": { "80/tcp": {}, "443/tcp": { "x-note": "kept" } }
          },
          "rootfs": {
            "type": "layers",
            "diff_ids": ["sha256:2222222222222222222222222222222222222222222222222222222222222222"],
            "x-rootfs-extra": true
          },
          "history": [
            { "created": "2024-05-06T07:08:09Z", "created_by": "ADD rootfs.tar /", "x-builder": { "step": 1 } }
          ],
          "moby.buildkit.buildinfo.v1": "eyJmcm9udGVuZCI6ImRvY2tlcmZpbGUudjAifQ=="
        }
        """;

    private const string ManifestWithExtras = """
        {
          "schemaVersion": 2,
          "mediaType": "application/vnd.oci.image.manifest.v1+json",
          "config": {
            "mediaType": "application/vnd.oci.image.config.v1+json",
            "digest": "sha256:3333333333333333333333333333333333333333333333333333333333333333",
            "size": 100,
            "x-descriptor-extra": [1, 2, 3]
          },
          "layers": [
            {
              "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
              "digest": "sha256:4444444444444444444444444444444444444444444444444444444444444444",
              "size": 200,
              "urls": ["https://example.com/layer"],
              "x-layer-extra": { "nested": { "deep": "value" } }
            }
          ],
          "x-top-level": { "kept": ["a", "b"] }
        }
        """;

    private const string IndexWithExtras = """
        {
          "schemaVersion": 2,
          "mediaType": "application/vnd.oci.image.index.v1+json",
          "manifests": [
            {
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "digest": "sha256:5555555555555555555555555555555555555555555555555555555555555555",
              "size": 300,
              "platform": { "architecture": "arm64", "os": "linux", "variant": "v8", "x-platform-extra": "kept" },
              "x-entry-extra": 42
            }
          ],
          "x-index-extra": null
        }
        """;

    [Fact]
    public void ConfigKeepsDockerFieldsThroughAnEdit()
    {
        var config = OciJson.ParseConfig(Encoding.UTF8.GetBytes(DockerConfig));

        var edited = config with { Config = config.Config! with { Env = [.. config.Config.Env!, "ADDED=1"] } };
        var written = JsonNode.Parse(OciJson.Serialize(edited))!;

        var expected = JsonNode.Parse(DockerConfig)!;
        expected["config"]!["Env"]!.AsArray().Add(JsonValue.Create("ADDED=1"));
        AssertJsonEqual(expected, written);
    }

    [Fact]
    public void ManifestKeepsUnknownFieldsThroughAnEdit()
    {
        var manifest = OciJson.ParseManifest(Encoding.UTF8.GetBytes(ManifestWithExtras));

        var edited = manifest with { Annotations = new Dictionary<string, string> { [Annotations.Title] = "edited" } };
        var written = JsonNode.Parse(OciJson.Serialize(edited))!;

        var expected = JsonNode.Parse(ManifestWithExtras)!;
        expected["annotations"] = new JsonObject { [Annotations.Title] = "edited" };
        AssertJsonEqual(expected, written);
    }

    [Fact]
    public void IndexKeepsUnknownFieldsIncludingNullsThroughAnEdit()
    {
        var index = OciJson.ParseIndex(Encoding.UTF8.GetBytes(IndexWithExtras));

        var entry = index.Manifests[0];
        var edited = index with
        {
            Manifests = [entry with { Annotations = new Dictionary<string, string> { [Annotations.RefName] = "v1" } }],
        };
        var written = JsonNode.Parse(OciJson.Serialize(edited))!;

        var expected = JsonNode.Parse(IndexWithExtras)!;
        expected["manifests"]![0]!["annotations"] = new JsonObject { [Annotations.RefName] = "v1" };
        AssertJsonEqual(expected, written);
    }

    [Fact]
    public void UnmodifiedModelSerializesToTheSameDocument()
    {
        foreach (var (json, write) in new (string, Func<byte[], byte[]>)[]
        {
            (DockerConfig, b => OciJson.Serialize(OciJson.ParseConfig(b))),
            (ManifestWithExtras, b => OciJson.Serialize(OciJson.ParseManifest(b))),
            (IndexWithExtras, b => OciJson.Serialize(OciJson.ParseIndex(b))),
        })
        {
            AssertJsonEqual(JsonNode.Parse(json)!, JsonNode.Parse(write(Encoding.UTF8.GetBytes(json)))!);
        }
    }

    private static void AssertJsonEqual(JsonNode expected, JsonNode actual)
    {
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"documents differ\nexpected: {expected.ToJsonString()}\nactual:   {actual.ToJsonString()}");
    }
}
