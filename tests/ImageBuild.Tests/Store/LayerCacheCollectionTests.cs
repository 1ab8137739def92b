using ImageBuild.Oci;
using ImageBuild.Store;
using ImageBuild.Store.Maintenance;
using ImageBuild.Store.Queries;

namespace ImageBuild.Tests.Store;

/// <summary>
/// Garbage collection with the layer cache as a root, the grace period that spares blobs in use, and what
/// prune, cache prune, fsck and system df make of blobs nothing references.
/// </summary>
public sealed class LayerCacheCollectionTests : IDisposable
{
    private static readonly TimeSpan Grace = OciLayoutOptions.Default.StaleTempAge;
    private readonly TempDirectory temp = new();
    private readonly ManualTimeProvider clock = new(DateTimeOffset.UtcNow);

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_cached_layer_survives_collection_and_a_record_whose_blob_is_gone_is_forgotten()
    {
        var store = await OpenAsync();
        var cached = await CacheLayerAsync(store, "a");
        var lost = await CacheLayerAsync(store, "b");
        File.Delete(store.Layout.BlobPath(lost.Digest));
        var stray = await TestImages.WriteLayerAsync(store.Layout, size: 333);

        var result = await store.CollectGarbageAsync(cancellationToken: CancellationToken.None);

        Assert.Equal([stray.Digest], result.RemovedBlobs);
        Assert.True(File.Exists(store.Layout.BlobPath(cached.Digest)));
        Assert.Equal([cached.Digest], (await store.LayerCache.ListAsync(CancellationToken.None)).Select(r => r.Record.Digest));
        Assert.Null(await store.LayerCache.FindByQuickKeyAsync(Key("quick-b"), CancellationToken.None));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(store.Layout.RootPath, LayerCache.DirectoryName, "quick"), $"{Key("quick-b")}.json"));
    }

    [Fact]
    public async Task Prune_removes_unreferenced_blobs_only_past_the_grace_period_and_a_blob_found_in_use_gets_a_new_one()
    {
        var store = await OpenAsync();
        var kept = await TestImages.WriteImageAsync(store.Layout);
        await store.TagAsync("docker.io/library/kept:1", kept.Manifest, CancellationToken.None);
        var leftover = await TestImages.WriteImageAsync(store.Layout);
        clock.Advance(Grace + TimeSpan.FromMinutes(1));
        var young = await TestImages.WriteLayerAsync(store.Layout, size: 100);
        Assert.True(await store.Layout.HasBlobAsync(leftover.Layers[0], CancellationToken.None));

        var result = await ImagePruner.PruneAsync(store, all: false, null, CancellationToken.None);

        Assert.Equal(leftover.Manifest.Size + leftover.Config.Size, result.SpaceReclaimed);
        Assert.False(File.Exists(store.Layout.BlobPath(leftover.Manifest.Digest)));
        Assert.True(File.Exists(store.Layout.BlobPath(leftover.Layers[0].Digest)), "a blob a writer just found present was removed");
        Assert.True(File.Exists(store.Layout.BlobPath(young.Digest)));
        Assert.Equal(kept.AllDigests.Append(leftover.Layers[0].Digest).Append(young.Digest).Select(store.Layout.BlobPath).Order(), TestImages.BlobFiles(store.Layout).Order());
    }

    [Fact]
    public async Task Fsck_reports_unreferenced_blobs_past_the_grace_period_and_repair_removes_them()
    {
        var store = await OpenAsync();
        var leftover = await TestImages.WriteLayerAsync(store.Layout, size: 444);
        Assert.Empty(await StoreChecker.CheckAsync(store, CancellationToken.None));

        clock.Advance(Grace);
        var problem = Assert.Single(await StoreChecker.CheckAsync(store, CancellationToken.None));
        var repaired = await StoreChecker.RepairAsync(store, CancellationToken.None);

        Assert.Equal((StoreProblemKind.UnreferencedBlob, true, leftover.Digest), (problem.Kind, problem.IsWarning, problem.Digest));
        Assert.Equal($"blob {leftover.Digest} (444 bytes) is used by no image and no layer-cache record; prune or repair deletes it", problem.Message);
        Assert.Equal([leftover.Digest], repaired.RemovedUnreferencedBlobs);
        Assert.Equal(444, repaired.BytesFreed);
        Assert.Empty(await StoreChecker.CheckAsync(store, CancellationToken.None));
    }

    [Fact]
    public async Task Cache_prune_forgets_every_record_and_frees_only_layers_no_image_uses()
    {
        var store = await OpenAsync();
        var onlyCached = await CacheLayerAsync(store, "a");
        var used = await CacheLayerAsync(store, "b");
        var image = await TestImages.WriteImageAsync(store.Layout, freshLayers: 0, sharedLayers: [used]);
        await store.TagAsync("docker.io/library/app:1", image.Manifest, CancellationToken.None);

        var usage = (await DiskUsage.ComputeAsync(store, CancellationToken.None)).LayerCache;
        var result = await LayerCachePruner.PruneAsync(store, CancellationToken.None);

        Assert.Equal(new LayerCacheUsage(2, 1, onlyCached.Size + used.Size, onlyCached.Size), usage);
        Assert.Equal((2, onlyCached.Size), (result.RecordsRemoved, result.SpaceReclaimed));
        Assert.Equal([onlyCached.Digest], result.BlobsRemoved);
        Assert.Empty(await store.LayerCache.ListAsync(CancellationToken.None));
        Assert.True(File.Exists(store.Layout.BlobPath(used.Digest)));
        Assert.Equal(LayerCacheUsage.None, (await DiskUsage.ComputeAsync(store, CancellationToken.None)).LayerCache);
    }

    [Fact]
    public async Task System_df_counts_unreferenced_blobs_and_what_prune_would_free_of_them()
    {
        var store = await OpenAsync();
        var old = await TestImages.WriteLayerAsync(store.Layout, size: 300);
        clock.Advance(Grace);
        await TestImages.WriteLayerAsync(store.Layout, size: 200);

        var report = await DiskUsage.ComputeAsync(store, CancellationToken.None);

        Assert.Equal(new UnreferencedUsage(2, old.Size + 200, old.Size, Grace), report.Unreferenced);
        Assert.Equal(old.Size, (await ImagePruner.PruneAsync(store, all: false, null, CancellationToken.None)).SpaceReclaimed);
    }

    private async Task<ImageStore> OpenAsync()
    {
        var store = await ImageStore.OpenAsync(temp.Path, new OciLayoutOptions { Time = clock }, CancellationToken.None);
        return store;
    }

    /// <summary>A layer blob with a cache record (content key from <paramref name="name"/>, quick key "quick-NAME").</summary>
    private static async Task<Descriptor> CacheLayerAsync(ImageStore store, string name)
    {
        var layer = await TestImages.WriteLayerAsync(store.Layout, size: 500 + name.Length);
        var record = new LayerCacheRecord { Digest = layer.Digest, Size = layer.Size, DiffId = layer.Digest, MediaType = layer.MediaType };
        await store.LayerCache.PutAsync(Key(name), record, CancellationToken.None);
        await store.LayerCache.RememberQuickKeyAsync(Key("quick-" + name), Key(name), CancellationToken.None);
        return layer;
    }

    private static string Key(string name) => Digest.Compute(System.Text.Encoding.UTF8.GetBytes(name)).Hex;
}
