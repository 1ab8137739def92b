using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Tests.Store;

public sealed class StoreConcurrencyTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Parallel_tags_from_separate_store_instances_are_all_kept()
    {
        var setup = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var images = new List<TestImage>();
        for (var i = 0; i < 4; i++)
        {
            images.Add(await TestImages.WriteImageAsync(setup.Layout));
        }

        const int Writers = 24;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
            await store.TagAsync($"localhost:5000/app/n{i}:v", images[i % images.Count].Manifest, CancellationToken.None);
        })));

        var entries = OciJson.ParseIndex(await File.ReadAllBytesAsync(setup.Layout.IndexPath)).Manifests;
        Assert.Equal(Writers, entries.Count);
        for (var i = 0; i < Writers; i++)
        {
            Assert.Equal(images[i % images.Count].Manifest.Digest, (await setup.ResolveAsync($"localhost:5000/app/n{i}:v", CancellationToken.None)).Digest);
        }

        Assert.Equal(Writers, (await setup.ListAsync(CancellationToken.None)).Count(e => e.LastTagTime is not null));
    }

    [Fact]
    public async Task Garbage_collection_racing_with_tags_never_removes_a_tagged_image()
    {
        var setup = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var images = new List<TestImage>();
        for (var i = 0; i < 8; i++)
        {
            images.Add(await TestImages.WriteImageAsync(setup.Layout));
        }

        var tags = Enumerable.Range(0, images.Count).Select(i => Task.Run(async () =>
        {
            var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
            try
            {
                await store.TagAsync($"docker.io/library/t{i}:1", images[i].Manifest, CancellationToken.None);
                return true;
            }
            catch (ImageBuild.Errors.ImageBuildException)
            {
                // The collector got there first: the tag was refused, not left without content.
                return false;
            }
        })).ToList();
        var collections = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            await (await ImageStore.OpenAsync(temp.Path, CancellationToken.None)).CollectGarbageAsync(cancellationToken: CancellationToken.None))).ToList();
        var tagged = await Task.WhenAll(tags);
        await Task.WhenAll(collections);

        var entries = await setup.ListAsync(CancellationToken.None);
        Assert.Equal(tagged.Count(t => t), entries.Count);
        foreach (var entry in entries)
        {
            var walk = await LayoutGraphWalk.WalkAsync(setup.Layout, [entry.Descriptor], cancellationToken: CancellationToken.None);
            Assert.Empty(walk.Missing);
        }
    }
}
