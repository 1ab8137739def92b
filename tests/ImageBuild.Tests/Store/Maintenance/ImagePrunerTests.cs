using ImageBuild.Errors;
using ImageBuild.Store;
using ImageBuild.Store.Maintenance;
using ImageBuild.Tests.Store.Queries;

namespace ImageBuild.Tests.Store.Maintenance;

public sealed class ImagePrunerTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Prunes_dangling_images_and_counts_only_the_bytes_really_freed()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var factory = new ImageFactory(store);
        var shared = await factory.LayerAsync(800);
        var kept = await factory.ImageAsync(ImageFactory.Day(1), sharedLayers: [shared]);
        var dangling = await factory.ImageAsync(ImageFactory.Day(2), sharedLayers: [shared]);
        await factory.TagAsync(kept.Manifest, "docker.io/library/kept:1");
        await store.AddUntaggedAsync(dangling.Manifest, CancellationToken.None);

        var result = await ImagePruner.PruneAsync(store, all: false, null, CancellationToken.None);

        Assert.Equal([$"Deleted: {dangling.Id}"], result.Events.Select(e => e.ToString()));
        Assert.Equal(dangling.DiskSize - shared.Blob.Size, result.SpaceReclaimed);
        Assert.All(kept.AllDigests, d => Assert.True(File.Exists(store.Layout.BlobPath(d))));
        Assert.Equal(kept.AllDigests.Count(), TestImages.BlobFiles(store.Layout).Count());
        await StoreAssertions.AssertHealthyAsync(store);
    }

    [Fact]
    public async Task Untagged_index_children_go_and_with_all_every_image_goes_names_first()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var factory = new ImageFactory(store);
        var child = await factory.ImageAsync(ImageFactory.Day(1));
        var index = await factory.IndexAsync(child.ForPlatform("amd64"));
        await factory.TagAsync(index, "docker.io/library/multi:1");
        await store.AddUntaggedAsync(child.Manifest, CancellationToken.None);

        var plain = await ImagePruner.PruneAsync(store, all: false, null, CancellationToken.None);

        Assert.Equal([$"Deleted: {child.Id}"], plain.Events.Select(e => e.ToString()));
        Assert.Equal(0, plain.SpaceReclaimed);
        Assert.All(child.AllDigests, d => Assert.True(File.Exists(store.Layout.BlobPath(d))));

        var all = await ImagePruner.PruneAsync(store, all: true, null, CancellationToken.None);

        Assert.Equal(["Untagged: multi:1", $"Deleted: {index.Digest}"], all.Events.Select(e => e.ToString()));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
        Assert.Empty(TestImages.BlobFiles(store.Layout));
        await StoreAssertions.AssertHealthyAsync(store);
    }

    [Fact]
    public async Task A_digest_reference_does_not_keep_an_image_from_a_plain_prune()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var factory = new ImageFactory(store);
        var pinned = await factory.ImageAsync(ImageFactory.Day(1));
        await store.TagAsync($"docker.io/library/pinned@{pinned.Manifest.Digest}", pinned.Manifest, CancellationToken.None);

        var result = await ImagePruner.PruneAsync(store, all: false, null, CancellationToken.None);

        Assert.Equal([$"Untagged: pinned@{pinned.Manifest.Digest}", $"Deleted: {pinned.Id}"], result.Events.Select(e => e.ToString()));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Filters_select_by_label_missing_label_and_age()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var factory = new ImageFactory(store);
        var keepMe = await factory.ImageAsync(ImageFactory.Day(1), new Dictionary<string, string> { ["keep"] = "yes" });
        var old = await factory.ImageAsync(ImageFactory.Day(2), new Dictionary<string, string> { ["tier"] = "cache" });
        var recent = await factory.ImageAsync(ImageFactory.Day(6), new Dictionary<string, string> { ["tier"] = "cache" });
        foreach (var image in new[] { keepMe, old, recent })
        {
            await store.AddUntaggedAsync(image.Manifest, CancellationToken.None);
        }

        var filter = ImagePruneFilter.Parse(["label=tier=cache", "label!=keep", $"until={ImageFactory.Day(5):yyyy-MM-dd'T'HH:mm:ss'Z'}"]);
        var result = await ImagePruner.PruneAsync(store, all: false, filter, CancellationToken.None);
        var notKept = await ImagePruner.PruneAsync(store, all: false, ImagePruneFilter.Parse(["label!=keep=yes"]), CancellationToken.None);

        Assert.Equal([$"Deleted: {old.Id}"], result.Events.Select(e => e.ToString()));
        Assert.Equal(old.DiskSize, result.SpaceReclaimed);
        Assert.Equal([$"Deleted: {recent.Id}"], notKept.Events.Select(e => e.ToString()));
        Assert.Equal([keepMe.Manifest.Digest], (await store.ListAsync(CancellationToken.None)).Select(e => e.Digest));
        await StoreAssertions.AssertHealthyAsync(store);
    }

    [Fact]
    public void Unknown_prune_filters_are_refused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => ImagePruneFilter.Parse(["dangling=true"]));
        Assert.Equal("invalid filter 'dangling': valid filters are label, label!, until", ex.Message);
    }
}
