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
    public async Task Shows_docker_fields_with_familiar_tags_and_no_repo_digests_before_a_pull()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        var inspect = await ImageInspector.InspectAsync(sample.Store, "alpine:3.20", null, CancellationToken.None);

        Assert.Equal(sample.Middle.Id, inspect.Id);
        Assert.Equal(["alpine:3.20", "alpine:latest", "localhost:5000/app:latest"], inspect.RepoTags);
        Assert.Empty(inspect.RepoDigests); // as docker: only a registry's digests, and these images were never pulled
        Assert.Equal(sample.Middle.Created, inspect.Config.Created);
        Assert.Equal(sample.Middle.Layers.Select(l => l.DiffId), inspect.Config.RootFs.DiffIds);
        Assert.Equal(("amd64", "linux", (string?)null), (inspect.Config.Architecture, inspect.Config.Os, inspect.Config.Variant));
        Assert.Equal(sample.Middle.DiskSize, inspect.Size);
        Assert.NotNull(inspect.LastTagTime);
        Assert.Null(inspect.Manifests);
    }

    [Fact]
    public async Task The_config_blob_is_handed_over_as_stored()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);
        var inspect = await ImageInspector.InspectAsync(sample.Store, "alpine:3.19", null, CancellationToken.None);

        using var config = JsonDocument.Parse(inspect.ConfigBytes);

        Assert.Equal(sample.Old.Id, Digest.Compute(inspect.ConfigBytes.Span));
        Assert.Equal("PATH=/usr/bin", config.RootElement.GetProperty("config").GetProperty("Env")[0].GetString());
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

        Assert.Equal(index.Digest, whole.Id);
        Assert.Equal([amd64.Manifest.Digest.ToString(), arm64.Manifest.Digest.ToString(), absent.DiffId.ToString()], whole.Manifests!.Select(m => m.Digest));
        Assert.Equal([true, true, false], whole.Manifests!.Select(m => m.Available));
        Assert.Equal("arm64", whole.Manifests![1].Platform!.Architecture);
        Assert.Equal(index.Size + amd64.DiskSize + arm64.DiskSize, whole.Size);
        Assert.Equal("arm64", arm.Config.Architecture);
        Assert.Equal(arm64.Layers.Select(l => l.DiffId), arm.Config.RootFs.DiffIds);
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
        Assert.Equal(sample.Middle.Id, same.Id);
    }
}
