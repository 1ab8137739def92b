using ImageBuild.References;
using ImageBuild.Store;
using ImageBuild.Tests.Infrastructure;
using ImageBuild.Tests.Store;
using ImageBuild.Transfers;

namespace ImageBuild.Tests.Transfers;

/// <summary>What the store's commit records for the names it writes: docker's LastTagTime only for tagging, not for a load's names.</summary>
public sealed class StoreDestinationTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_commit_records_the_tag_time_only_when_naming_is_tagging(bool recordTagTime)
    {
        var store = await ImageStore.OpenAsync(temp.Path, new OciLayoutOptions { Time = clock }, CancellationToken.None);
        var image = await TestImages.WriteImageAsync(store.Layout);
        var destination = new StoreDestination(store, refName: null, pulledFrom: null, recordTagTime);

        await destination.CommitAsync([new NamedImage(image.Manifest, [ImageReference.Parse("app:1")])], store.Layout, CancellationToken.None);

        var listed = Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.Equal("docker.io/library/app:1", listed.RefName);
        Assert.Equal(recordTagTime ? clock.GetUtcNow() : null, listed.LastTagTime);
    }
}
