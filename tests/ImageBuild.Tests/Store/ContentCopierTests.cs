using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Tests.Store;

public sealed class ContentCopierTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task An_index_is_copied_children_first_with_each_digest_once()
    {
        var (source, target) = await OpenLayoutsAsync();
        var shared = await TestImages.WriteLayerAsync(source);
        var amd64 = await TestImages.WriteImageAsync(source, freshLayers: 2, sharedLayers: [shared]);
        var arm64 = await TestImages.WriteImageAsync(source, sharedLayers: [shared], architecture: "arm64");
        var index = await TestImages.WriteIndexAsync(source, TestImages.ForPlatform(amd64.Manifest, "amd64"), TestImages.ForPlatform(arm64.Manifest, "arm64"));
        var recorder = new RecordingWriter(target);

        var summary = await new ContentCopier(source, recorder).CopyAsync(index, cancellationToken: CancellationToken.None);

        var all = amd64.AllDigests.Concat(arm64.AllDigests).Append(index.Digest).ToHashSet();
        Assert.Equal(all.Count, summary.BlobsCopied);
        Assert.Equal(all.Count, recorder.Written.Count);
        Assert.Equal(all, recorder.Written.ToHashSet());
        Assert.Equal(index.Digest, recorder.Written[^1]);
        foreach (var image in new[] { amd64, arm64 })
        {
            var manifestAt = recorder.Written.IndexOf(image.Manifest.Digest);
            Assert.All(image.Layers.Append(image.Config), child => Assert.True(recorder.Written.IndexOf(child.Digest) < manifestAt));
        }

        Assert.Equal(all.Sum(d => new FileInfo(source.BlobPath(d)).Length), summary.BytesCopied);
        Assert.All(all, d => Assert.Equal(File.ReadAllBytes(source.BlobPath(d)), File.ReadAllBytes(target.BlobPath(d))));
    }

    [Fact]
    public async Task Blobs_the_target_has_are_skipped()
    {
        var (source, target) = await OpenLayoutsAsync();
        var first = await TestImages.WriteImageAsync(source, freshLayers: 2);
        await new ContentCopier(source, target).CopyAsync(first.Manifest, cancellationToken: CancellationToken.None);
        var second = await TestImages.WriteImageAsync(source, freshLayers: 1, sharedLayers: first.Layers);
        var recorder = new RecordingWriter(target);

        var summary = await new ContentCopier(source, recorder).CopyAsync(second.Manifest, cancellationToken: CancellationToken.None);

        Assert.Equal(2, summary.BlobsSkipped);
        Assert.Equal(3, summary.BlobsCopied);
        Assert.DoesNotContain(first.Layers[0].Digest, recorder.Written);
    }

    [Fact]
    public async Task Unknown_media_types_travel_as_opaque_blobs()
    {
        var (source, target) = await OpenLayoutsAsync();
        var artifact = await source.WriteBytesAsync("""{"not":"a manifest"}"""u8.ToArray(), "application/vnd.example.thing+json", CancellationToken.None);

        var summary = await new ContentCopier(source, target).CopyAsync(artifact, cancellationToken: CancellationToken.None);

        Assert.Equal(1, summary.BlobsCopied);
        Assert.True(await target.HasBlobAsync(artifact, CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_index_child_is_tolerated_only_when_asked()
    {
        var (source, target) = await OpenLayoutsAsync();
        var present = await TestImages.WriteImageAsync(source);
        var absent = await TestImages.WriteImageAsync(source, architecture: "arm64");
        var index = await TestImages.WriteIndexAsync(source, TestImages.ForPlatform(present.Manifest, "amd64"), TestImages.ForPlatform(absent.Manifest, "arm64"));
        File.Delete(source.BlobPath(absent.Manifest.Digest));

        await Assert.ThrowsAsync<NotFoundException>(() => new ContentCopier(source, target).CopyAsync(index, cancellationToken: CancellationToken.None));
        Assert.False(await target.HasBlobAsync(index, CancellationToken.None));

        var summary = await new ContentCopier(source, target).CopyAsync(index, new ContentCopyOptions { AllowMissingIndexChildren = true }, cancellationToken: CancellationToken.None);

        Assert.Equal(absent.Manifest.Digest, Assert.Single(summary.Missing).Digest);
        Assert.True(await target.HasBlobAsync(index, CancellationToken.None));
        Assert.True(await target.HasBlobAsync(present.Manifest, CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_layer_under_an_index_child_is_an_error_even_when_children_may_be_missing()
    {
        var (source, target) = await OpenLayoutsAsync();
        var image = await TestImages.WriteImageAsync(source);
        var index = await TestImages.WriteIndexAsync(source, image.Manifest);
        File.Delete(source.BlobPath(image.Layers[0].Digest));

        await Assert.ThrowsAsync<NotFoundException>(() => new ContentCopier(source, target).CopyAsync(index, new ContentCopyOptions { AllowMissingIndexChildren = true }, cancellationToken: CancellationToken.None));
        Assert.False(await target.HasBlobAsync(image.Manifest, CancellationToken.None));
    }

    private async Task<(OciLayout Source, OciLayout Target)> OpenLayoutsAsync() =>
        (await OciLayout.OpenOrCreateAsync(temp.Combine("source"), CancellationToken.None),
         await OciLayout.OpenOrCreateAsync(temp.Combine("target"), CancellationToken.None));

    /// <summary>A real layout that also notes the order blobs were written in.</summary>
    [Fact]
    public async Task Blobs_move_in_parallel_up_to_the_bound_and_each_digest_once()
    {
        var (source, target) = await OpenLayoutsAsync();
        var shared = await TestImages.WriteLayerAsync(source);
        var first = await TestImages.WriteImageAsync(source, freshLayers: 6, sharedLayers: [shared]);
        var second = await TestImages.WriteImageAsync(source, freshLayers: 6, sharedLayers: [shared], architecture: "arm64");
        var index = await TestImages.WriteIndexAsync(source, TestImages.ForPlatform(first.Manifest, "amd64"), TestImages.ForPlatform(second.Manifest, "arm64"));
        var recorder = new RecordingWriter(target, delay: TimeSpan.FromMilliseconds(50));

        await new ContentCopier(source, recorder).CopyAsync(index, new ContentCopyOptions { Parallelism = 3 }, cancellationToken: CancellationToken.None);

        Assert.Equal(3, recorder.MaxConcurrent);
        Assert.Equal(recorder.Written.Count, recorder.Written.Distinct().Count());
        Assert.Single(recorder.Written, d => d == shared.Digest);
    }

    [Fact]
    public async Task An_index_child_filter_copies_one_platform_and_the_whole_index()
    {
        var (source, target) = await OpenLayoutsAsync();
        var amd64 = await TestImages.WriteImageAsync(source, freshLayers: 1);
        var arm64 = await TestImages.WriteImageAsync(source, freshLayers: 1, architecture: "arm64");
        var index = await TestImages.WriteIndexAsync(source, TestImages.ForPlatform(amd64.Manifest, "amd64"), TestImages.ForPlatform(arm64.Manifest, "arm64"));
        var events = new List<BlobTransferEvent>();

        await new ContentCopier(source, target).CopyAsync(index, new ContentCopyOptions
        {
            IndexChildFilter = child => child.Platform?.Architecture == "amd64",
            Progress = new SynchronousProgress(events),
        }, cancellationToken: CancellationToken.None);

        Assert.True(await target.HasBlobAsync(index, CancellationToken.None));
        Assert.All(amd64.AllDigests, d => Assert.True(File.Exists(target.BlobPath(d))));
        Assert.All(arm64.AllDigests, d => Assert.False(File.Exists(target.BlobPath(d))));
        Assert.Contains(events, e => e.Stage == BlobTransferStage.Completed && e.Blob.Digest == amd64.Manifest.Digest);
    }

    private sealed class SynchronousProgress(List<BlobTransferEvent> events) : IProgress<BlobTransferEvent>
    {
        public void Report(BlobTransferEvent value)
        {
            lock (events)
            {
                events.Add(value);
            }
        }
    }

    private sealed class RecordingWriter(OciLayout inner, TimeSpan delay = default) : IBlobWriter
    {
        private readonly List<Digest> written = [];
        private int concurrent;
        private int maxConcurrent;

        public List<Digest> Written
        {
            get
            {
                lock (written)
                {
                    return [.. written];
                }
            }
        }

        public int MaxConcurrent => Volatile.Read(ref maxConcurrent);

        public Task<bool> HasBlobAsync(Descriptor descriptor, CancellationToken cancellationToken) =>
            inner.HasBlobAsync(descriptor, cancellationToken);

        public async Task WriteBlobAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref concurrent);
            int seen;
            while ((seen = Volatile.Read(ref maxConcurrent)) < now && Interlocked.CompareExchange(ref maxConcurrent, now, seen) != seen)
            {
            }

            try
            {
                await Task.Delay(delay, cancellationToken);
                await inner.WriteBlobAsync(descriptor, content, cancellationToken);
                lock (written)
                {
                    written.Add(descriptor.Digest);
                }
            }
            finally
            {
                Interlocked.Decrement(ref concurrent);
            }
        }
    }
}
