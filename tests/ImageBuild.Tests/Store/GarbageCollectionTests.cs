using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Tests.Store;

public sealed class GarbageCollectionTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Only_unreachable_blobs_are_removed_and_a_shared_layer_survives()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var shared = await TestImages.WriteLayerAsync(store.Layout);
        var kept = await TestImages.WriteImageAsync(store.Layout, sharedLayers: [shared]);
        var dropped = await TestImages.WriteImageAsync(store.Layout, freshLayers: 2, sharedLayers: [shared]);
        var stray = await TestImages.WriteLayerAsync(store.Layout, size: 777);
        await store.TagAsync("docker.io/library/kept:1", kept.Manifest, CancellationToken.None);
        await store.TagAsync("docker.io/library/dropped:1", dropped.Manifest, CancellationToken.None);

        var first = await store.CollectGarbageAsync(cancellationToken: CancellationToken.None);
        Assert.Equal([stray.Digest], first.RemovedBlobs);
        Assert.Equal(777, first.BytesFreed);

        await store.RemoveAsync(dropped.Manifest.Digest, CancellationToken.None);
        var second = await store.CollectGarbageAsync(cancellationToken: CancellationToken.None);

        var expectedRemoved = dropped.AllDigests.Where(d => d != shared.Digest).ToHashSet();
        Assert.Equal(expectedRemoved, second.RemovedBlobs.ToHashSet());
        Assert.Equal(dropped.Manifest.Size + dropped.Config.Size + dropped.Layers.Skip(1).Sum(l => l.Size), second.BytesFreed);
        Assert.All(kept.AllDigests, d => Assert.True(File.Exists(store.Layout.BlobPath(d))));
        Assert.Equal(kept.AllDigests.Count(), TestImages.BlobFiles(store.Layout).Count());
    }

    [Fact]
    public async Task Dangling_images_are_still_reachable()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var first = await TestImages.WriteImageAsync(store.Layout);
        var second = await TestImages.WriteImageAsync(store.Layout);
        await store.TagAsync("docker.io/library/a:1", first.Manifest, CancellationToken.None);
        await store.TagAsync("docker.io/library/a:1", second.Manifest, CancellationToken.None);

        var result = await store.CollectGarbageAsync(cancellationToken: CancellationToken.None);

        Assert.Empty(result.RemovedBlobs);
        Assert.All(first.AllDigests, d => Assert.True(File.Exists(store.Layout.BlobPath(d))));
    }

    [Fact]
    public async Task Blobs_under_nested_indexes_are_reachable()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var amd64 = await TestImages.WriteImageAsync(store.Layout);
        var arm64 = await TestImages.WriteImageAsync(store.Layout, architecture: "arm64");
        var inner = await TestImages.WriteIndexAsync(store.Layout, TestImages.ForPlatform(arm64.Manifest, "arm64"));
        var outer = await TestImages.WriteIndexAsync(store.Layout, TestImages.ForPlatform(amd64.Manifest, "amd64"), inner);
        var orphan = await TestImages.WriteImageAsync(store.Layout);
        await store.TagAsync("docker.io/library/multi:1", outer, CancellationToken.None);

        var result = await store.CollectGarbageAsync(cancellationToken: CancellationToken.None);

        Assert.Equal(orphan.AllDigests.ToHashSet(), result.RemovedBlobs.ToHashSet());
        Assert.All(arm64.AllDigests.Concat(amd64.AllDigests).Append(inner.Digest).Append(outer.Digest),
            d => Assert.True(File.Exists(store.Layout.BlobPath(d)), $"{d} was removed"));
    }

    [Fact]
    public async Task Young_blobs_survive_when_a_minimum_age_is_asked_for()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var young = await TestImages.WriteLayerAsync(store.Layout);
        var old = await TestImages.WriteLayerAsync(store.Layout);
        File.SetLastWriteTimeUtc(store.Layout.BlobPath(old.Digest), DateTime.UtcNow.AddHours(-3));

        var result = await store.CollectGarbageAsync(minimumBlobAge: TimeSpan.FromHours(1), cancellationToken: CancellationToken.None);

        Assert.Equal([old.Digest], result.RemovedBlobs);
        Assert.True(File.Exists(store.Layout.BlobPath(young.Digest)));
    }

    [Fact]
    public async Task Disk_usage_counts_present_blobs_and_tells_shared_from_unique()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var shared = await TestImages.WriteLayerAsync(store.Layout, size: 5000);
        var a = await TestImages.WriteImageAsync(store.Layout, sharedLayers: [shared]);
        var b = await TestImages.WriteImageAsync(store.Layout, sharedLayers: [shared]);
        var absent = await TestImages.WriteImageAsync(store.Layout, architecture: "arm64");
        var index = await TestImages.WriteIndexAsync(store.Layout, a.Manifest, absent.Manifest);
        File.Delete(store.Layout.BlobPath(absent.Manifest.Digest));

        var usageA = await store.GetDiskUsageAsync(a.Manifest, CancellationToken.None);
        var usageB = await store.GetDiskUsageAsync(b.Manifest, CancellationToken.None);
        var usageIndex = await store.GetDiskUsageAsync(index, CancellationToken.None);

        Assert.Equal(a.Manifest.Size + a.Config.Size + a.Layers.Sum(l => l.Size), usageA.Size);
        Assert.Equal(usageA.Size - shared.Size, usageA.UniqueSize([usageA, usageB]));
        Assert.Equal(usageA.Size + index.Size, usageIndex.Size);
    }
}
