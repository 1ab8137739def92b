using ImageBuild.Building;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Tests.Building;

public sealed class RootfsImporterTests(OciSchemaFixture schemas) : IClassFixture<OciSchemaFixture>, IDisposable
{
    private readonly TempDirectory temp = new();

    private static RootfsImportOptions Options(params string[] changes) => new()
    {
        Platform = Platform.Parse("linux/arm64"),
        Created = DateTimeOffset.FromUnixTimeSeconds(1700000000),
        Changes = changes,
    };

    [Fact]
    public async Task Import_writes_schema_valid_documents_and_tags_last()
    {
        var rootfs = MakeRootfs();
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);

        var result = await new RootfsImporter(store).ImportAsync(rootfs, "docker.io/library/app:1", Options("ENV A=1", "EXPOSE 8080"), CancellationToken.None);

        var manifestBytes = await store.Layout.ReadSmallBlobAsync(result.Manifest, CancellationToken.None);
        var manifest = JsonBlobs.ParseManifest(manifestBytes);
        var configBytes = await store.Layout.ReadSmallBlobAsync(manifest.Value.Config, CancellationToken.None);
        schemas.Validator.AssertValid(OciSchemaKind.Manifest, manifestBytes);
        schemas.Validator.AssertValid(OciSchemaKind.Config, configBytes);
        schemas.Validator.AssertValid(OciSchemaKind.Index, await File.ReadAllBytesAsync(store.Layout.IndexPath));

        var config = OciJson.ParseConfig(configBytes);
        Assert.Equal("arm64", config.Architecture);
        Assert.Null(config.Variant); // as containerd normalizes: arm64 means v8 unless said otherwise
        Assert.Equal("2023-11-14T22:13:20Z", config.Created);
        Assert.Equal([result.DiffId], config.RootFs.DiffIds);
        Assert.Single(config.History!);
        Assert.Equal(["A=1"], config.Config!.Env);
        Assert.Equal(["8080/tcp"], config.Config.ExposedPorts!.Keys);
        Assert.Equal(result.ImageId, Digest.Compute(configBytes));
        Assert.Equal(result.Manifest, await store.ResolveAsync("docker.io/library/app:1", CancellationToken.None) with { Annotations = null });
    }

    [Fact]
    public async Task Without_a_name_the_image_is_stored_untagged()
    {
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);
        var result = await new RootfsImporter(store).ImportAsync(MakeRootfs(), null, Options(), CancellationToken.None);
        var entry = Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.True(entry.IsDangling);
        Assert.Equal(result.Manifest.Digest, entry.Digest);
    }

    [Fact]
    public async Task A_bad_change_fails_before_anything_is_tagged()
    {
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);
        await Assert.ThrowsAsync<InvalidInputException>(() =>
            new RootfsImporter(store).ImportAsync(MakeRootfs(), "docker.io/library/app:1", Options("EXPOSE nope"), CancellationToken.None));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
    }

    private string MakeRootfs()
    {
        var root = temp.CreateDirectory("rootfs");
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        File.WriteAllText(Path.Combine(root, "etc", "hostname"), "imagebuild\n");
        return root;
    }

    public void Dispose() => temp.Dispose();
}
