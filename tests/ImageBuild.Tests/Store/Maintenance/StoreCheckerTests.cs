using System.Security.Cryptography;
using ImageBuild.Oci;
using ImageBuild.Store;
using ImageBuild.Store.Maintenance;

namespace ImageBuild.Tests.Store.Maintenance;

public sealed class StoreCheckerTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_healthy_store_has_no_problems_and_a_missing_index_child_is_only_a_warning()
    {
        var (store, factory) = await OpenAsync();
        var image = await factory.ImageAsync(ImageFactory.Day(1));
        var absent = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Digest.Compute([1, 2, 3]), Size = 3, Platform = Platform.Parse("linux/arm64") };
        var index = await factory.IndexAsync(image.ForPlatform("amd64"), absent);
        await factory.TagAsync(index, "docker.io/library/multi:1");

        var problems = await StoreChecker.CheckAsync(store, CancellationToken.None);

        var warning = Assert.Single(problems);
        Assert.Equal((StoreProblemKind.MissingOptionalBlob, true, absent.Digest), (warning.Kind, warning.IsWarning, warning.Digest));
    }

    [Fact]
    public async Task Finds_a_corrupt_blob_a_missing_layer_and_an_old_temp_file_without_changing_anything()
    {
        var (store, factory) = await OpenAsync();
        var healthy = await factory.ImageAsync(ImageFactory.Day(1));
        var broken = await factory.ImageAsync(ImageFactory.Day(2), freshLayers: 2);
        await factory.TagAsync(healthy.Manifest, "docker.io/library/healthy:1");
        await factory.TagAsync(broken.Manifest, "docker.io/library/broken:1");
        var corrupted = healthy.Layers[0].Blob.Digest;
        await CorruptAsync(store, corrupted);
        File.Delete(store.Layout.BlobPath(broken.Layers[1].Blob.Digest));
        var oldTemp = WriteTemp(store, age: TimeSpan.FromHours(2));
        WriteTemp(store, age: TimeSpan.Zero);
        var before = Snapshot(store);

        var problems = await StoreChecker.CheckAsync(store, CancellationToken.None);

        Assert.Equal(before, Snapshot(store));
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p is { Kind: StoreProblemKind.CorruptBlob, IsWarning: false } && p.Digest == corrupted);
        Assert.Contains(problems, p => p is { Kind: StoreProblemKind.MissingBlob, IsWarning: false } && p.Digest == broken.Layers[1].Blob.Digest && p.Message.Contains("broken:1"));
        Assert.Contains(problems, p => p.Kind == StoreProblemKind.LeftoverTempFile && p.Path == oldTemp);
    }

    [Fact]
    public async Task Repair_removes_every_corrupt_blob_and_marks_the_images_that_used_them_for_a_pull()
    {
        var (store, factory) = await OpenAsync();
        var healthy = await factory.ImageAsync(ImageFactory.Day(1));
        var damaged = await factory.ImageAsync(ImageFactory.Day(2), sharedLayers: [healthy.Layers[0]]);
        var stray = await factory.LayerAsync(300);
        await factory.TagAsync(healthy.Manifest, "docker.io/library/healthy:1");
        await factory.TagAsync(damaged.Manifest, "docker.io/library/damaged:1");
        var corrupt = damaged.Layers[1].Blob.Digest;
        await CorruptAsync(store, corrupt);
        await CorruptAsync(store, stray.Blob.Digest);
        var oldTemp = WriteTemp(store, age: TimeSpan.FromHours(2));
        var freshTemp = WriteTemp(store, age: TimeSpan.Zero);

        var result = await StoreChecker.RepairAsync(store, CancellationToken.None);

        Assert.Equal([oldTemp], result.RemovedTempFiles);
        Assert.True(File.Exists(freshTemp));
        Assert.Empty(result.RemovedEntries);
        Assert.Equal(new[] { corrupt, stray.Blob.Digest }.ToHashSet(), result.RemovedBlobs.ToHashSet());
        Assert.Equal(100 + damaged.Layers[1].Blob.Size + stray.Blob.Size, result.BytesFreed);
        var marked = Assert.Single(result.NeedPull);
        Assert.Equal(damaged.Manifest.Digest, marked.Digest);
        Assert.Equal(["docker.io/library/damaged:1"], marked.RefNames);
        Assert.Equal([corrupt], marked.RemovedBlobs);
        Assert.False(File.Exists(store.Layout.BlobPath(corrupt)));
        Assert.True(File.Exists(store.Layout.BlobPath(healthy.Layers[0].Blob.Digest)));
        Assert.Equal(["docker.io/library/damaged:1", "docker.io/library/healthy:1"],
            (await store.ListAsync(CancellationToken.None)).Select(e => e.RefName).Order(StringComparer.Ordinal));
        var remaining = await StoreChecker.CheckAsync(store, CancellationToken.None);
        var missing = Assert.Single(remaining);
        Assert.Equal((StoreProblemKind.MissingBlob, corrupt), (missing.Kind, missing.Digest!.Value));
        Assert.Contains("pull the image again", missing.Message);
    }

    [Fact]
    public async Task Repair_removes_entries_that_lack_a_blob_for_any_other_reason()
    {
        var (store, factory) = await OpenAsync();
        var healthy = await factory.ImageAsync(ImageFactory.Day(1));
        var broken = await factory.ImageAsync(ImageFactory.Day(2), freshLayers: 2);
        await factory.TagAsync(healthy.Manifest, "docker.io/library/healthy:1");
        await factory.TagAsync(broken.Manifest, "docker.io/library/broken:1");
        File.Delete(store.Layout.BlobPath(broken.Layers[1].Blob.Digest));

        var result = await StoreChecker.RepairAsync(store, CancellationToken.None);

        Assert.Equal(["docker.io/library/broken:1"], result.RemovedEntries.Select(e => e.RefName));
        Assert.Empty(result.RemovedBlobs);
        Assert.Empty(result.NeedPull);
        Assert.Equal(["docker.io/library/healthy:1"], (await store.ListAsync(CancellationToken.None)).Select(e => e.RefName));
        await StoreAssertions.AssertHealthyAsync(store);
    }

    [Fact]
    public async Task A_corrupt_manifest_is_reported_once_and_the_check_goes_on()
    {
        var (store, factory) = await OpenAsync();
        var damaged = await factory.ImageAsync(ImageFactory.Day(1));
        var intact = await factory.ImageAsync(ImageFactory.Day(2));
        await factory.TagAsync(damaged.Manifest, "docker.io/library/damaged:1");
        await factory.TagAsync(intact.Manifest, "docker.io/library/intact:1");
        File.Delete(store.Layout.BlobPath(intact.Layers[0].Blob.Digest));
        await CorruptAsync(store, damaged.Manifest.Digest);

        var problems = await StoreChecker.CheckAsync(store, CancellationToken.None);

        Assert.Equal([(StoreProblemKind.CorruptBlob, damaged.Manifest.Digest), (StoreProblemKind.MissingBlob, intact.Layers[0].Blob.Digest)],
            problems.Select(p => (p.Kind, p.Digest!.Value)).OrderBy(p => p.Kind));
    }

    [Fact]
    public async Task Reports_metadata_of_names_the_index_no_longer_has_and_files_that_are_no_blobs()
    {
        var (store, factory) = await OpenAsync();
        var image = await factory.ImageAsync(ImageFactory.Day(1));
        await factory.TagAsync(image.Manifest, "docker.io/library/a:1");
        await File.WriteAllTextAsync(Path.Combine(store.Layout.RootPath, "imagebuild-metadata.json"),
            """{"refs":{"docker.io/library/a:1":{},"docker.io/library/gone:1":{"lastTagTime":"2024-01-01T00:00:00Z"}}}""");
        await File.WriteAllTextAsync(Path.Combine(store.Layout.RootPath, "blobs", "sha256", "notes.txt"), "hello");

        var problems = await StoreChecker.CheckAsync(store, CancellationToken.None);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p is { Kind: StoreProblemKind.OrphanedMetadata, IsWarning: true, Path: "docker.io/library/gone:1" });
        Assert.Contains(problems, p => p is { Kind: StoreProblemKind.UnexpectedFile, IsWarning: true } && p.Path!.EndsWith("notes.txt", StringComparison.Ordinal));
    }

    private async Task<(ImageStore Store, ImageFactory Factory)> OpenAsync()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        return (store, new ImageFactory(store));
    }

    /// <summary>Flips bytes in place, keeping the size, as disk damage would.</summary>
    private static async Task CorruptAsync(ImageStore store, Digest digest)
    {
        var path = store.Layout.BlobPath(digest);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);
    }

    private static string WriteTemp(ImageStore store, TimeSpan age)
    {
        var folder = Path.Combine(store.Layout.RootPath, "ingest");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllBytes(path, new byte[100]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    private static IReadOnlyDictionary<string, string> Snapshot(ImageStore store) =>
        Directory.EnumerateFiles(store.Layout.RootPath, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(OciLayout.LockFileName, StringComparison.Ordinal))
            .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
