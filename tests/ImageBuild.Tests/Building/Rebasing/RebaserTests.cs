using ImageBuild.Building;
using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.Oci.Changes;
using ImageBuild.Building.Rebasing;
using ImageBuild.Store;
using ImageBuild.Transfers;

namespace ImageBuild.Tests.Building.Rebasing;

/// <summary>
/// Rebase in the store: a two-platform app moves onto the matching platform of each new base image, keeping its own
/// layers; config diff_ids, history and base annotations follow the new base; the check compares recorded and current.
/// </summary>
public sealed class RebaserTests(OciSchemaFixture schemas) : IClassFixture<OciSchemaFixture>, IDisposable
{
    private static readonly Platform[] Platforms = [Platform.LinuxAmd64, Platform.Parse("linux/arm64")];
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_multi_platform_image_is_rebased_per_platform_onto_the_matching_new_base()
    {
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);
        var builder = new ImageBuilder(store);
        await builder.BuildAsync(Plan("base-v1", "base:1", BaseImageSource.Scratch, "1"), CancellationToken.None);
        var app = await builder.BuildAsync(Plan("app", "app:1", "base:1", "app") with { Changes = [new SetEnv("APP", "1")] }, CancellationToken.None);
        var rebaser = new Rebaser(store, TransferEndpoints.Local(store));
        Assert.True((await rebaser.CheckAsync("app:1", null, remote: false, CancellationToken.None)).UpToDate);

        var newBase = await builder.BuildAsync(Plan("base-v2", "base:1", BaseImageSource.Scratch, "2"), CancellationToken.None);
        var check = await rebaser.CheckAsync("app:1", null, remote: false, CancellationToken.None);
        Assert.False(check.UpToDate);
        Assert.Equal(newBase.Digest, check.CurrentDigest);

        var result = await rebaser.RebaseAsync(new RebasePlan { Image = "app:1", Tags = ["app:2"] }, CancellationToken.None);

        Assert.Equal(newBase.Digest, result.NewBaseDigest);
        Assert.Equal(2, result.Images.Count);
        var index = OciJson.ParseIndex(await store.Layout.ReadSmallBlobAsync(await store.ResolveAsync("docker.io/library/app:2", CancellationToken.None), CancellationToken.None));
        Assert.Equal(Platforms.Select(p => p.ToString()), index.Manifests.Select(m => m.Platform!.ToString()));
        foreach (var (entry, platform) in index.Manifests.Zip(Platforms))
        {
            var rebased = await ManifestSelector.ResolveAsync(store.Layout, entry, null, "app:2", CancellationToken.None);
            var before = app.Images.Single(i => i.Platform.ToString() == platform.ToString());
            var baseImage = newBase.Images.Single(i => i.Platform.ToString() == platform.ToString());
            schemas.Validator.AssertValid(OciSchemaKind.Manifest, rebased.Manifest.Bytes.Span);
            schemas.Validator.AssertValid(OciSchemaKind.Config, rebased.Config.Bytes.Span);
            Assert.Equal([.. baseImage.Layers.Select(l => l.Digest), .. before.Layers.Select(l => l.Digest)], rebased.Manifest.Value.Layers.Select(l => l.Digest));
            Assert.Equal([.. baseImage.Layers.Select(l => l.DiffId), .. before.Layers.Select(l => l.DiffId)], rebased.Config.Value.RootFs.DiffIds);
            Assert.Equal(rebased.Config.Value.RootFs.DiffIds.Count, rebased.Config.Value.History!.Count(h => !h.IsEmptyLayer));
            Assert.Contains("APP=1", rebased.Config.Value.Config!.Env!);
            Assert.Equal(newBase.Digest.ToString(), rebased.Manifest.Value.Annotations![Annotations.BaseDigest]);
            Assert.Equal("docker.io/library/base:1", rebased.Manifest.Value.Annotations![Annotations.BaseName]);
        }

        Assert.True((await rebaser.CheckAsync("app:2", null, remote: false, CancellationToken.None)).UpToDate);
    }

    private BuildPlan Plan(string folder, string tag, string baseImage, string content)
    {
        var directory = temp.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(directory, "content.txt"), content);
        return new BuildPlan
        {
            Base = baseImage,
            Layers = [LayerSpec.FromDirectory(folder, directory, "/" + folder)],
            Platforms = Platforms,
            Tags = [tag],
        };
    }
}
