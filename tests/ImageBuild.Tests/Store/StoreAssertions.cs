using ImageBuild.Store;

namespace ImageBuild.Tests.Store;

/// <summary>What must hold after any change to a store: index.json parses and every tagged image is whole.</summary>
public static class StoreAssertions
{
    public static async Task AssertHealthyAsync(ImageStore store)
    {
        var index = await store.Layout.ReadIndexAsync(CancellationToken.None);
        foreach (var entry in index.Manifests)
        {
            var walk = await LayoutGraphWalk.WalkAsync(store.Layout, [entry], cancellationToken: CancellationToken.None);
            Assert.All(walk.Missing, m => Assert.True(m.IsTolerated, $"{entry.Digest} lacks {m.Blob.Digest}"));
        }
    }
}
