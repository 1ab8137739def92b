using System.Security.Cryptography;
using ImageBuild.Archives;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Store;
using ImageBuild.Store.Maintenance;

namespace ImageBuild.Tests.Content;

/// <summary>
/// Copy, store check and save walk the same graph under the same missing-blob policy, on real layouts: what one
/// keeps or tolerates, the others keep or tolerate too. (Push, which needs a registry, is in the integration tests.)
/// </summary>
public sealed class GraphWalkAgreementTests : IAsyncLifetime
{
    private readonly TempDirectory temp = new();
    private ImageStore store = null!;

    public async Task InitializeAsync() => store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);

    public Task DisposeAsync()
    {
        temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_artifact_child_of_an_index_is_kept_by_copy_save_load_and_the_store_walk()
    {
        var image = await TestImages.WriteImageAsync(store.Layout);
        var artifact = await store.Layout.WriteBytesAsync("""{"spdxVersion":"SPDX-2.3"}"""u8.ToArray(), "application/spdx+json", CancellationToken.None);
        var index = await TestImages.WriteIndexAsync(store.Layout, TestImages.ForPlatform(image.Manifest, "amd64"), artifact);
        await store.TagAsync("app:1", index, CancellationToken.None);

        var copied = await NewLayoutAsync("copy");
        await new ContentCopier(store.Layout, copied).CopyAsync(index, cancellationToken: CancellationToken.None);
        var (saved, _) = await SaveAsync(index);
        var loaded = await NewLayoutAsync("loaded");
        await ArchiveLoading.LoadAsync(saved, loaded, temp.Combine("scratch"));
        var walk = await LayoutGraphWalk.WalkAsync(store.Layout, [index], cancellationToken: CancellationToken.None);

        Assert.True(File.Exists(copied.BlobPath(artifact.Digest)));
        Assert.Contains(ArchiveBlob(artifact.Digest), ArchiveFiles(saved));
        Assert.True(File.Exists(loaded.BlobPath(artifact.Digest)));
        Assert.Equal(artifact.Size, walk.Present[artifact.Digest]);
        Assert.Empty(await StoreChecker.CheckAsync(store, CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_foreign_layer_is_tolerated_by_copy_store_check_and_save()
    {
        var foreign = ForeignLayer();
        var image = await TestImages.WriteImageAsync(store.Layout, freshLayers: 1, sharedLayers: [foreign]);
        await store.TagAsync("app:1", image.Manifest, CancellationToken.None);

        var copied = await NewLayoutAsync("copy");
        var copy = await new ContentCopier(store.Layout, copied).CopyAsync(image.Manifest, cancellationToken: CancellationToken.None);
        var (saved, save) = await SaveAsync(image.Manifest);
        var problems = await StoreChecker.CheckAsync(store, CancellationToken.None);

        Assert.Equal(foreign.Digest, Assert.Single(copy.Missing).Digest);
        Assert.True(File.Exists(copied.BlobPath(image.Manifest.Digest)));
        Assert.Equal(foreign.Digest, Assert.Single(save.Missing).Digest);
        var files = ArchiveFiles(saved);
        Assert.Contains(ArchiveBlob(image.Manifest.Digest), files);
        Assert.DoesNotContain(ArchiveBlob(foreign.Digest), files);
        Assert.DoesNotContain("manifest.json", files);
        var problem = Assert.Single(problems);
        Assert.Equal((StoreProblemKind.MissingOptionalBlob, true, foreign.Digest), (problem.Kind, problem.IsWarning, problem.Digest!.Value));
    }

    [Fact]
    public async Task A_missing_platform_manifest_of_an_index_is_tolerated_by_copy_store_check_and_save()
    {
        var amd64 = await TestImages.WriteImageAsync(store.Layout);
        var arm64 = await TestImages.WriteImageAsync(store.Layout, architecture: "arm64");
        var index = await TestImages.WriteIndexAsync(store.Layout, TestImages.ForPlatform(amd64.Manifest, "amd64"), TestImages.ForPlatform(arm64.Manifest, "arm64"));
        File.Delete(store.Layout.BlobPath(arm64.Manifest.Digest));
        await store.TagAsync("app:1", index, CancellationToken.None);

        var copied = await NewLayoutAsync("copy");
        var copy = await new ContentCopier(store.Layout, copied).CopyAsync(index, cancellationToken: CancellationToken.None);
        var (saved, save) = await SaveAsync(index);
        var problems = await StoreChecker.CheckAsync(store, CancellationToken.None);

        Assert.Equal(arm64.Manifest.Digest, Assert.Single(copy.Missing).Digest);
        Assert.True(File.Exists(copied.BlobPath(index.Digest)));
        Assert.Equal(arm64.Manifest.Digest, Assert.Single(save.Missing).Digest);
        Assert.Contains(ArchiveBlob(index.Digest), ArchiveFiles(saved));
        Assert.Contains(ArchiveBlob(amd64.Manifest.Digest), ArchiveFiles(saved));
        Assert.Equal(StoreProblemKind.MissingOptionalBlob, Assert.Single(problems, p => p.Digest == arm64.Manifest.Digest).Kind);
        Assert.All(problems, p => Assert.True(p.IsWarning, p.Message));
    }

    [Fact]
    public async Task A_missing_layer_is_an_error_for_copy_and_save_and_a_problem_for_the_store_check()
    {
        var image = await TestImages.WriteImageAsync(store.Layout, freshLayers: 2);
        var index = await TestImages.WriteIndexAsync(store.Layout, TestImages.ForPlatform(image.Manifest, "amd64"));
        await store.TagAsync("app:1", index, CancellationToken.None);
        File.Delete(store.Layout.BlobPath(image.Layers[1].Digest));

        var copied = await NewLayoutAsync("copy");
        await Assert.ThrowsAsync<NotFoundException>(() => new ContentCopier(store.Layout, copied).CopyAsync(index, cancellationToken: CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => SaveAsync(index));
        var layoutWalk = new ContentWalkOptions { IsPresent = b => File.Exists(store.Layout.BlobPath(b.Digest)) };
        await Assert.ThrowsAsync<NotFoundException>(() => ContentWalk.WalkAsync(store.Layout, [index], layoutWalk, CancellationToken.None));
        var recorded = await ContentWalk.WalkAsync(store.Layout, [index], layoutWalk with { RecordMissing = true }, CancellationToken.None);
        Assert.False(Assert.Single(recorded.Missing).IsTolerated);
        Assert.False(File.Exists(copied.BlobPath(image.Manifest.Digest)));
        var problems = await StoreChecker.CheckAsync(store, CancellationToken.None);
        Assert.Contains(problems, p => p is { Kind: StoreProblemKind.MissingBlob, IsWarning: false } && p.Digest == image.Layers[1].Digest);
    }

    [Fact]
    public async Task The_walk_lists_every_blob_once_after_everything_it_names()
    {
        var shared = await TestImages.WriteLayerAsync(store.Layout);
        var amd64 = await TestImages.WriteImageAsync(store.Layout, freshLayers: 1, sharedLayers: [shared]);
        var arm64 = await TestImages.WriteImageAsync(store.Layout, freshLayers: 1, sharedLayers: [shared], architecture: "arm64");
        var inner = await TestImages.WriteIndexAsync(store.Layout, TestImages.ForPlatform(arm64.Manifest, "arm64"));
        var index = await TestImages.WriteIndexAsync(store.Layout, TestImages.ForPlatform(amd64.Manifest, "amd64"), inner);

        var walk = await ContentWalk.WalkAsync(store.Layout, [index, amd64.Manifest], cancellationToken: CancellationToken.None);

        var order = walk.Nodes.Select(n => n.Descriptor.Digest).ToList();
        Assert.Equal(amd64.AllDigests.Concat(arm64.AllDigests).Append(inner.Digest).Append(index.Digest).ToHashSet(), order.ToHashSet());
        Assert.Equal(order.Count, order.Distinct().Count());
        Assert.Equal(index.Digest, order[^1]);
        foreach (var node in walk.Nodes.Where(n => n.Parent is not null))
        {
            Assert.True(order.IndexOf(node.Descriptor.Digest) < order.IndexOf(node.Parent!.Digest));
        }

        Assert.All(walk.Nodes, n => Assert.Equal(ContentGraph.HasChildren(n.Descriptor), n.Document is not null));
        Assert.Empty(walk.Missing);
    }

    private static Descriptor ForeignLayer()
    {
        var bytes = RandomNumberGenerator.GetBytes(256);
        return new Descriptor
        {
            MediaType = MediaTypes.OciLayerNondistributableGzip,
            Digest = Digest.Compute(bytes),
            Size = bytes.Length,
            Urls = ["https://layers.example.com/foreign.tar.gz"],
        };
    }

    private Task<OciLayout> NewLayoutAsync(string name) => OciLayout.OpenOrCreateAsync(temp.Combine(name), CancellationToken.None);

    private async Task<(string Path, ContentCopySummary Summary)> SaveAsync(Descriptor root)
    {
        var path = temp.Combine($"{Guid.NewGuid():N}.tar");
        await using var output = File.Create(path);
        var summary = await new OciArchiveWriter().WriteAsync(output, store.Layout, [new ArchiveImage(root, ["app:1"])], CancellationToken.None);
        return (path, summary);
    }

    private static List<string> ArchiveFiles(string archive) => TarFiles.Read(File.ReadAllBytes(archive)).Select(f => f.Name).ToList();

    private static string ArchiveBlob(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Hex}";
}
