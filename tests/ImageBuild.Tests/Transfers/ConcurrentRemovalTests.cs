using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.Store;
using ImageBuild.Store.Maintenance;
using ImageBuild.Tests.Infrastructure;
using ImageBuild.Tests.Store;
using ImageBuild.Transfers;

namespace ImageBuild.Tests.Transfers;

/// <summary>
/// A copy into the store whose skipped blob a concurrent <c>rm</c> deletes before the tag goes in: the copy writes
/// the blob again and tags, instead of failing with "blob ... is not in ...". The rm runs at the one moment that
/// loses the race (after the skip, before the tag), through a destination that calls it there.
/// </summary>
public sealed class ConcurrentRemovalTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_blob_removed_by_rm_after_the_copy_skipped_it_is_written_again()
    {
        var source = await ImageStore.OpenAsync(temp.Combine("source"), CancellationToken.None);
        var images = new ImageFactory(source);
        var shared = await images.LayerAsync(4096);
        var first = await images.ImageAsync(ImageFactory.Day(1), sharedLayers: [shared]);
        var second = await images.ImageAsync(ImageFactory.Day(2), sharedLayers: [shared]);
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);
        await ImageCopier.CopyAsync(Source(source, first), new StoreDestination(store, "docker.io/library/first:1", null), TransferOptions.Default, CancellationToken.None);

        var destination = new RacingDestination(
            new StoreDestination(store, "docker.io/library/second:1", null),
            () => ImageRemover.RemoveAsync(store, ["docker.io/library/first:1"], force: true, noPrune: false, CancellationToken.None));
        var copy = await ImageCopier.CopyAsync(Source(source, second), destination, TransferOptions.Default, CancellationToken.None);

        Assert.True(destination.Raced);
        Assert.False(File.Exists(store.Layout.BlobPath(first.Manifest.Digest)), "the rm did not run");
        Assert.Equal(second.Manifest.Digest, (await store.ResolveAsync("docker.io/library/second:1", CancellationToken.None)).Digest);
        Assert.True(File.Exists(store.Layout.BlobPath(shared.Blob.Digest)));
        Assert.Equal(4, copy.Summary.BlobsCopied);
        Assert.Empty(await StoreChecker.CheckAsync(store, CancellationToken.None));
    }

    private static ImageSource Source(ImageStore store, BuiltImage image) => new(image.Manifest, store.Layout, "source");

    /// <summary>Runs <paramref name="race"/> once, just before the root document (the last blob) is written.</summary>
    private sealed class RacingDestination(BlobWriterDestination inner, Func<Task> race) : BlobWriterDestination
    {
        private readonly RacingWriter writer = new(inner.Writer, race);

        public bool Raced => writer.Raced;

        public override IBlobWriter Writer => writer;

        public override string DisplayName => inner.DisplayName;

        public override Task CommitAsync(IReadOnlyList<NamedImage> images, IBlobReader source, CancellationToken cancellationToken) =>
            inner.CommitAsync(images, source, cancellationToken);
    }

    private sealed class RacingWriter(IBlobWriter inner, Func<Task> race) : IBlobWriter
    {
        public bool Raced { get; private set; }

        public Task<bool> HasBlobAsync(Descriptor descriptor, CancellationToken cancellationToken) => inner.HasBlobAsync(descriptor, cancellationToken);

        public async Task WriteBlobAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken)
        {
            if (ContentGraph.HasChildren(descriptor) && !Raced)
            {
                Raced = true;
                await race();
            }

            await inner.WriteBlobAsync(descriptor, content, cancellationToken);
        }
    }
}
