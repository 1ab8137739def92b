using System.Text.Json;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Store;
using ImageBuild.Store.Queries;

namespace ImageBuild.Tests.Store.Queries;

public sealed class ImageInspectorTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Shows_docker_fields_with_familiar_tags_and_repo_digests()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        var inspect = await ImageInspector.InspectAsync(sample.Store, "alpine:3.20", null, CancellationToken.None);

        Assert.Equal(sample.Middle.Id.ToString(), inspect.Id);
        Assert.Equal(["alpine:3.20", "alpine:latest", "localhost:5000/app:latest"], inspect.RepoTags);
        Assert.Equal([$"alpine@{sample.Middle.Manifest.Digest}", $"localhost:5000/app@{sample.Middle.Manifest.Digest}"], inspect.RepoDigests);
        Assert.Equal(sample.Middle.Created, inspect.Created);
        Assert.Equal(sample.Middle.Layers.Select(l => l.DiffId.ToString()), inspect.RootFS.Layers);
        Assert.Equal("layers", inspect.RootFS.Type);
        Assert.Equal(("amd64", "linux", (string?)null), (inspect.Architecture, inspect.Os, inspect.Variant));
        Assert.Equal(sample.Middle.DiskSize, inspect.Size);
        Assert.NotEqual(ImageInspector.ZeroTime, inspect.Metadata.LastTagTime);
        Assert.Null(inspect.Manifests);
    }

    [Fact]
    public async Task The_json_tree_has_docker_names_and_the_config_object_as_stored()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);
        var inspect = await ImageInspector.InspectAsync(sample.Store, "alpine:3.19", null, CancellationToken.None);

        var node = ImageInspector.ToJsonNode(inspect);
        var json = ImageInspector.ToJson([inspect]);

        Assert.Equal("PATH=/usr/bin", node["Config"]!["Env"]![0]!.GetValue<string>());
        Assert.Equal("prod", node["Config"]!["Labels"]!["env"]!.GetValue<string>());
        Assert.Equal(sample.Old.Layers[0].DiffId.ToString(), node["RootFS"]!["Layers"]![0]!.GetValue<string>());
        var names = node.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(["Id", "RepoTags", "RepoDigests", "Parent", "Comment", "Created", "Author", "Config", "Architecture", "Os", "Size", "RootFS", "Metadata"], names);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Array, parsed.RootElement.ValueKind);
        Assert.Equal(inspect.Id, parsed.RootElement[0].GetProperty("Id").GetString());
    }

    [Fact]
    public async Task An_index_lists_its_manifests_and_platform_picks_one()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var factory = new ImageFactory(store);
        var amd64 = await factory.ImageAsync(ImageFactory.Day(5));
        var arm64 = await factory.ImageAsync(ImageFactory.Day(6), architecture: "arm64");
        var absent = await factory.LayerAsync();
        var missingChild = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = absent.DiffId, Size = 10, Platform = Platform.Parse("linux/s390x") };
        var index = await factory.IndexAsync(amd64.ForPlatform("amd64"), arm64.ForPlatform("arm64"), missingChild);
        await factory.TagAsync(index, "docker.io/library/multi:1");

        var whole = await ImageInspector.InspectAsync(store, "multi:1", null, CancellationToken.None);
        var arm = await ImageInspector.InspectAsync(store, "multi:1", Platform.Parse("linux/arm64"), CancellationToken.None);

        Assert.Equal(index.Digest.ToString(), whole.Id);
        Assert.Equal([amd64.Manifest.Digest.ToString(), arm64.Manifest.Digest.ToString(), absent.DiffId.ToString()], whole.Manifests!.Select(m => m.Digest));
        Assert.Equal([true, true, false], whole.Manifests!.Select(m => m.Available));
        Assert.Equal("arm64", whole.Manifests![1].Platform!.Architecture);
        Assert.Equal(index.Size + amd64.DiskSize + arm64.DiskSize, whole.Size);
        Assert.Equal("arm64", arm.Architecture);
        Assert.Equal(arm64.Layers.Select(l => l.DiffId.ToString()), arm.RootFS.Layers);
        Assert.Equal(arm64.DiskSize, arm.Size);
        var ex = await Assert.ThrowsAsync<NotFoundException>(() => ImageInspector.InspectAsync(store, "multi:1", Platform.Parse("windows/amd64"), CancellationToken.None));
        Assert.Contains("linux/amd64, linux/arm64, linux/s390x", ex.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => ImageInspector.InspectAsync(store, "multi:1", Platform.Parse("linux/s390x"), CancellationToken.None));
    }

    [Fact]
    public async Task A_manifest_of_another_platform_is_refused()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        await Assert.ThrowsAsync<NotFoundException>(() => ImageInspector.InspectAsync(sample.Store, "alpine", Platform.Parse("linux/arm64"), CancellationToken.None));
        var same = await ImageInspector.InspectAsync(sample.Store, "alpine", Platform.Parse("linux/amd64"), CancellationToken.None);
        Assert.Equal(sample.Middle.Id.ToString(), same.Id);
    }

    [Theory]
    [InlineData("2024-01-02T03:04:05.1234567Z", "2024-01-02T03:04:05.1234567Z")]
    [InlineData("2024-01-02T03:04:05.5Z", "2024-01-02T03:04:05.5Z")]
    [InlineData("2024-01-02T05:04:05+02:00", "2024-01-02T03:04:05Z")]
    public void Times_are_formatted_as_gos_rfc3339_nano(string input, string expected) =>
        Assert.Equal(expected, ImageInspector.FormatNano(DateTimeOffset.Parse(input, System.Globalization.CultureInfo.InvariantCulture)));
}
