using ImageBuild.Store;
using ImageBuild.Store.Queries;

namespace ImageBuild.Tests.Store.Queries;

public sealed class DiskUsageTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Counts_each_blob_once_and_splits_shared_from_unique()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var factory = new ImageFactory(store);
        var shared = await factory.LayerAsync(900);
        var tagged = await factory.ImageAsync(ImageFactory.Day(1), sharedLayers: [shared]);
        var dangling = await factory.ImageAsync(ImageFactory.Day(2), sharedLayers: [shared]);
        var alone = await factory.ImageAsync(ImageFactory.Day(3));
        await factory.TagAsync(tagged.Manifest, "docker.io/library/a:1", "docker.io/library/a:2");
        await factory.TagAsync(alone.Manifest, "docker.io/library/b:1");
        await store.AddUntaggedAsync(dangling.Manifest, CancellationToken.None);

        var report = await DiskUsage.ComputeAsync(store, CancellationToken.None);

        var sharedSize = shared.Blob.Size;
        Assert.Equal(3, report.Images);
        Assert.Equal(2, report.ActiveImages);
        Assert.Equal(tagged.DiskSize + dangling.DiskSize + alone.DiskSize - sharedSize, report.TotalSize);
        Assert.Equal(sharedSize, report.SharedSize);
        Assert.Equal(dangling.DiskSize - sharedSize, report.ReclaimableSize);
        Assert.Equal(["b", "<none>", "a"], report.Rows.Select(r => r.Repository));
        var a = report.Rows[2];
        Assert.Equal(("1", tagged.Id, tagged.DiskSize, sharedSize, tagged.DiskSize - sharedSize, 0), (a.Tag, a.ImageId, a.Size, a.SharedSize, a.UniqueSize, a.Containers));
        Assert.Equal((0L, alone.DiskSize), (report.Rows[0].SharedSize, report.Rows[0].UniqueSize));
    }
}
