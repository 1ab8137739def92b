using ImageBuild.Building;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Tests.Building;

public sealed class IndexAssemblerTests(OciSchemaFixture schemas) : IClassFixture<OciSchemaFixture>, IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Index_lists_each_image_with_the_platform_of_its_config()
    {
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);
        var builder = new ImageBuilder(store);
        var amd = await builder.BuildAsync(Plan(Platform.LinuxAmd64, "app:amd64"), CancellationToken.None);
        var arm = await builder.BuildAsync(Plan(Platform.Parse("linux/arm/v7"), "app:arm"), CancellationToken.None);

        var descriptor = await new IndexAssembler(store).CreateAsync("app:1", ["app:amd64", "app:arm"], ImageFormat.Auto, CancellationToken.None);

        var bytes = await store.Layout.ReadSmallBlobAsync(descriptor, CancellationToken.None);
        schemas.Validator.AssertValid(OciSchemaKind.Index, bytes);
        var index = OciJson.ParseIndex(bytes);
        Assert.Equal([amd.Digest, arm.Digest], index.Manifests.Select(m => m.Digest));
        Assert.Equal(["linux/amd64", "linux/arm/v7"], index.Manifests.Select(m => m.Platform!.ToString()));
        Assert.Equal(descriptor.Digest, (await store.ResolveAsync("docker.io/library/app:1", CancellationToken.None)).Digest);
    }

    [Fact]
    public async Task Two_images_of_one_platform_are_refused()
    {
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);
        var builder = new ImageBuilder(store);
        await builder.BuildAsync(Plan(Platform.LinuxAmd64, "a:1"), CancellationToken.None);
        await builder.BuildAsync(Plan(Platform.LinuxAmd64, "b:1", "other"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => new IndexAssembler(store).CreateAsync("x:1", ["a:1", "b:1"], ImageFormat.Auto, CancellationToken.None));
        Assert.Contains("linux/amd64", error.Message);
    }

    private BuildPlan Plan(Platform platform, string tag, string content = "content")
    {
        var directory = temp.CreateDirectory(Guid.NewGuid().ToString("N"));
        File.WriteAllText(Path.Combine(directory, "file"), content + platform);
        return new BuildPlan { Layers = [LayerSpec.FromDirectory("app", directory, "/app")], Platforms = [platform], Tags = [tag] };
    }

    public void Dispose() => temp.Dispose();
}
