using ImageBuild.Store;
using ImageBuild.Store.Maintenance;
using ImageBuild.Store.Queries;
using ImageBuild.Tests.Store.Queries;

namespace ImageBuild.Tests.Store.Maintenance;

public sealed class ImageRemoverTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Removing_one_of_several_tags_only_untags()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        var result = await RemoveAsync(sample.Store, ["alpine:3.20"]);

        Assert.Equal(["Untagged: alpine:3.20"], result.Events.Select(e => e.ToString()));
        Assert.True(result.Succeeded);
        Assert.Equal(0, result.BytesFreed);
        Assert.All(sample.Middle.AllDigests, d => Assert.True(File.Exists(sample.Store.Layout.BlobPath(d))));
        await StoreAssertions.AssertHealthyAsync(sample.Store);
    }

    [Fact]
    public async Task Removing_the_last_tag_deletes_the_image_but_a_shared_layer_survives()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        var result = await RemoveAsync(sample.Store, ["alpine:3.19"]);

        Assert.Equal(["Untagged: alpine:3.19", $"Deleted: {sample.Old.Id}"], result.Events.Select(e => e.ToString()));
        var sharedLayer = sample.Old.Layers[0].Blob;
        Assert.Equal(sample.Old.DiskSize - sharedLayer.Size, result.BytesFreed);
        Assert.True(File.Exists(sample.Store.Layout.BlobPath(sharedLayer.Digest)));
        Assert.All(sample.Old.AllDigests.Where(d => d != sharedLayer.Digest), d => Assert.False(File.Exists(sample.Store.Layout.BlobPath(d))));
        Assert.Null(await sample.Store.FindAsync("docker.io/library/alpine:3.19", CancellationToken.None));
        await StoreAssertions.AssertHealthyAsync(sample.Store);
    }

    [Fact]
    public async Task By_id_with_tags_in_several_repositories_needs_force()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);
        var id = sample.Middle.Id.ShortHex;

        var refused = await RemoveAsync(sample.Store, [id]);

        Assert.False(refused.Succeeded);
        Assert.Equal($"conflict: unable to delete {id} (must be forced) - image is referenced in multiple repositories", Assert.Single(refused.Errors).Message);
        Assert.Empty(refused.Events);
        Assert.Equal(3, (await sample.Store.FindByDigestAsync(sample.Middle.Manifest.Digest, CancellationToken.None)).Count);

        var forced = await RemoveAsync(sample.Store, [id], force: true);

        Assert.True(forced.Succeeded);
        Assert.Equal(
            ["Untagged: alpine:3.20", "Untagged: alpine:latest", "Untagged: localhost:5000/app:latest", $"Deleted: {sample.Middle.Id}"],
            forced.Events.Select(e => e.ToString()));
        Assert.Empty(await sample.Store.FindByDigestAsync(sample.Middle.Manifest.Digest, CancellationToken.None));
        await StoreAssertions.AssertHealthyAsync(sample.Store);
    }

    [Fact]
    public async Task By_id_with_one_tag_untags_and_deletes_but_two_tags_need_force_as_in_docker()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);
        await sample.Factory.TagAsync(sample.New.Manifest, "ghcr.io/o/tool:2");

        var refused = await RemoveAsync(sample.Store, [sample.New.Id.Hex[..5]]);
        await RemoveAsync(sample.Store, ["ghcr.io/o/tool:2"]);
        var result = await RemoveAsync(sample.Store, [sample.New.Id.Hex[..5]]);

        Assert.Contains("image is referenced in multiple repositories", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(["Untagged: ghcr.io/o/tool:1", $"Deleted: {sample.New.Id}"], result.Events.Select(e => e.ToString()));
        Assert.Equal(sample.New.DiskSize, result.BytesFreed);
        await StoreAssertions.AssertHealthyAsync(sample.Store);
    }

    [Fact]
    public async Task Removing_a_digest_reference_keeps_the_image_and_its_tags()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);
        var digest = sample.New.Manifest.Digest;
        await sample.Store.TagAsync($"ghcr.io/o/tool@{digest}", sample.New.Manifest, CancellationToken.None);

        var result = await RemoveAsync(sample.Store, [$"ghcr.io/o/tool@{digest}"]);

        Assert.Equal([$"Untagged: ghcr.io/o/tool@{digest}"], result.Events.Select(e => e.ToString()));
        Assert.NotNull(await sample.Store.FindAsync("ghcr.io/o/tool:1", CancellationToken.None));
        Assert.Equal(0, result.BytesFreed);
        await StoreAssertions.AssertHealthyAsync(sample.Store);
    }

    [Fact]
    public async Task Removing_a_repositorys_last_tag_drops_its_digest_references_and_the_image()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);
        var digest = sample.New.Manifest.Digest;
        await sample.Store.TagAsync("ghcr.io/o/tool:1", sample.New.Manifest, pulledFrom: $"ghcr.io/o/tool@{digest}", cancellationToken: CancellationToken.None);

        var result = await RemoveAsync(sample.Store, ["ghcr.io/o/tool:1"]);

        Assert.Equal(["Untagged: ghcr.io/o/tool:1", $"Untagged: ghcr.io/o/tool@{digest}", $"Deleted: {sample.New.Id}"], result.Events.Select(e => e.ToString()));
        Assert.Empty(await sample.Store.FindByDigestAsync(digest, CancellationToken.None));
        await StoreAssertions.AssertHealthyAsync(sample.Store);
    }

    [Fact]
    public async Task Unknown_images_fail_unless_forced_and_the_other_targets_still_go()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        var plain = await RemoveAsync(sample.Store, ["nope", "ghcr.io/o/tool:1"]);
        var forced = await RemoveAsync(sample.Store, ["nope"], force: true);

        Assert.False(plain.Succeeded);
        Assert.Equal(("nope", "No such image: nope:latest", true), (plain.Errors[0].Target, plain.Errors[0].Message, plain.Errors[0].IsNotFound));
        Assert.Equal(["Untagged: ghcr.io/o/tool:1", $"Deleted: {sample.New.Id}"], plain.Events.Select(e => e.ToString()));
        Assert.True(forced.Succeeded);
        Assert.Single(forced.Errors);
        await StoreAssertions.AssertHealthyAsync(sample.Store);
    }

    [Fact]
    public async Task No_prune_changes_nothing_as_images_here_have_no_parents()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        var result = await RemoveAsync(sample.Store, ["ghcr.io/o/tool:1"], noPrune: true);

        Assert.Equal(["Untagged: ghcr.io/o/tool:1", $"Deleted: {sample.New.Id}"], result.Events.Select(e => e.ToString()));
        Assert.Empty(await sample.Store.FindByDigestAsync(sample.New.Manifest.Digest, CancellationToken.None));
        await StoreAssertions.AssertHealthyAsync(sample.Store);
    }

    [Fact]
    public async Task A_manifest_an_index_lists_can_be_removed_and_its_blobs_stay_for_the_index()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var factory = new ImageFactory(store);
        var amd64 = await factory.ImageAsync(ImageFactory.Day(1));
        var arm64 = await factory.ImageAsync(ImageFactory.Day(1), architecture: "arm64");
        var index = await factory.IndexAsync(amd64.ForPlatform("amd64"), arm64.ForPlatform("arm64"));
        await factory.TagAsync(index, "docker.io/library/multi:1");
        await factory.TagAsync(amd64.Manifest, "docker.io/library/single:1");

        var byId = await RemoveAsync(store, [amd64.Id.ToString()]);

        Assert.True(byId.Succeeded, string.Join("; ", byId.Errors.Select(e => e.Message)));
        Assert.Equal(["Untagged: single:1", $"Deleted: {amd64.Id}"], byId.Events.Select(e => e.ToString()));
        Assert.Empty(await store.FindByDigestAsync(amd64.Manifest.Digest, CancellationToken.None));
        Assert.All(amd64.AllDigests, d => Assert.True(File.Exists(store.Layout.BlobPath(d))));
        Assert.Equal(0, byId.BytesFreed);
        await StoreAssertions.AssertHealthyAsync(store);
    }

    [Fact]
    public async Task Removing_ls_q_output_works_whatever_the_order_of_index_and_child()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var factory = new ImageFactory(store);
        var amd64 = await factory.ImageAsync(ImageFactory.Day(1));
        var index = await factory.IndexAsync(amd64.ForPlatform("amd64"));
        await factory.TagAsync(index, "docker.io/library/multi:1");
        await factory.TagAsync(amd64.Manifest, "docker.io/library/single:1", "docker.io/library/single:2");
        var ids = (await ImageQuery.ListAsync(store, new ImageListOptions(All: true), CancellationToken.None)).Select(r => r.Id.ShortHex).ToList();
        var childFirst = ids.OrderBy(id => id == amd64.Id.ShortHex ? 0 : 1).ToList();

        var result = await RemoveAsync(store, childFirst, force: true);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
        Assert.Empty(TestImages.BlobFiles(store.Layout));
        Assert.Equal(index.Size + amd64.DiskSize, result.BytesFreed);
        await StoreAssertions.AssertHealthyAsync(store);
    }

    [Fact]
    public async Task A_damaged_image_can_still_be_removed_and_its_blobs_freed()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);
        var manifestPath = sample.Store.Layout.BlobPath(sample.New.Manifest.Digest);
        var bytes = await File.ReadAllBytesAsync(manifestPath);
        bytes[0] ^= 0xFF;
        await File.WriteAllBytesAsync(manifestPath, bytes);

        var result = await RemoveAsync(sample.Store, ["ghcr.io/o/tool:1"]);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(["Untagged: ghcr.io/o/tool:1", $"Deleted: {sample.New.Manifest.Digest}"], result.Events.Select(e => e.ToString()));
        Assert.Equal(sample.New.Manifest.Size, result.BytesFreed);
        Assert.False(File.Exists(manifestPath));
        await StoreAssertions.AssertHealthyAsync(sample.Store);
    }

    private static Task<ImageRemovalResult> RemoveAsync(ImageStore store, IReadOnlyList<string> targets, bool force = false, bool noPrune = false) =>
        ImageRemover.RemoveAsync(store, targets, force, noPrune, CancellationToken.None);
}
