using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Tests.Store;

public sealed class ImageStoreTagTests : IDisposable
{
    private const string Alpine = "docker.io/library/alpine:3.20";
    private const string Web = "localhost:5000/apps/web:1.0";

    private readonly TempDirectory temp = new();
    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_tag_is_an_index_entry_carrying_the_full_reference_name()
    {
        var store = await OpenAsync();
        var image = await TestImages.WriteImageAsync(store.Layout);

        await store.TagAsync(Web, image.Manifest, pulledFrom: Web, cancellationToken: CancellationToken.None);

        var entry = Assert.Single(OciJson.ParseIndex(await File.ReadAllBytesAsync(store.Layout.IndexPath)).Manifests);
        Assert.Equal(image.Manifest.Digest, entry.Digest);
        Assert.Equal(Web, entry.Annotation(Annotations.RefName));
        Assert.Equal(image.Manifest.Digest, (await store.ResolveAsync(Web, CancellationToken.None)).Digest);
        var listed = Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.Null(listed.LastTagTime); // a pull is not tagging, as in docker
        Assert.Equal(Web, listed.PulledFrom);
    }

    [Fact]
    public async Task Moving_the_last_tag_away_leaves_the_old_image_dangling()
    {
        var store = await OpenAsync();
        var first = await TestImages.WriteImageAsync(store.Layout);
        var second = await TestImages.WriteImageAsync(store.Layout);
        await store.TagAsync(Alpine, first.Manifest, CancellationToken.None);

        await store.TagAsync(Alpine, second.Manifest, CancellationToken.None);

        var entries = await store.ListAsync(CancellationToken.None);
        Assert.Equal(2, entries.Count);
        Assert.Equal(second.Manifest.Digest, entries.Single(e => e.RefName == Alpine).Digest);
        var dangling = entries.Single(e => e.IsDangling);
        Assert.Equal(first.Manifest.Digest, dangling.Digest);
        Assert.Null(dangling.Descriptor.Annotation(Annotations.RefName));
    }

    [Fact]
    public async Task Moving_a_tag_away_from_an_image_with_another_tag_leaves_no_dangling_entry()
    {
        var store = await OpenAsync();
        var first = await TestImages.WriteImageAsync(store.Layout);
        var second = await TestImages.WriteImageAsync(store.Layout);
        await store.TagAsync(Alpine, first.Manifest, CancellationToken.None);
        await store.TagAsync(Web, first.Manifest, CancellationToken.None);

        await store.TagAsync(Alpine, second.Manifest, CancellationToken.None);

        var entries = await store.ListAsync(CancellationToken.None);
        Assert.DoesNotContain(entries, e => e.IsDangling);
        Assert.Equal(first.Manifest.Digest, entries.Single(e => e.RefName == Web).Digest);
    }

    [Fact]
    public async Task Tagging_the_same_digest_twice_changes_nothing_and_names_add_entries()
    {
        var store = await OpenAsync();
        var image = await TestImages.WriteImageAsync(store.Layout);
        await store.TagAsync(Alpine, image.Manifest, CancellationToken.None);
        var before = await File.ReadAllBytesAsync(store.Layout.IndexPath);

        await store.TagAsync(Alpine, image.Manifest, CancellationToken.None);
        Assert.Equal(before, await File.ReadAllBytesAsync(store.Layout.IndexPath));

        await store.TagAsync(Web, image.Manifest, CancellationToken.None);
        var entries = await store.FindByDigestAsync(image.Manifest.Digest, CancellationToken.None);
        Assert.Equal([Alpine, Web], entries.Select(e => e.RefName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Tagging_a_dangling_image_replaces_its_untagged_entry()
    {
        var store = await OpenAsync();
        var image = await TestImages.WriteImageAsync(store.Layout);
        await store.AddUntaggedAsync(image.Manifest, CancellationToken.None);
        Assert.True(Assert.Single(await store.ListAsync(CancellationToken.None)).IsDangling);

        await store.TagAsync(Alpine, image.Manifest, CancellationToken.None);

        Assert.Equal(Alpine, Assert.Single(await store.ListAsync(CancellationToken.None)).RefName);
    }

    [Fact]
    public async Task Untagging_keeps_the_image_dangling_unless_asked_to_remove_it()
    {
        var store = await OpenAsync();
        var image = await TestImages.WriteImageAsync(store.Layout);
        await store.TagAsync(Alpine, image.Manifest, CancellationToken.None);
        await store.TagAsync(Web, image.Manifest, CancellationToken.None);

        var first = await store.UntagAsync(Alpine, cancellationToken: CancellationToken.None);
        Assert.Equal([Web], first.RemainingRefNames);
        Assert.False(first.ImageRemoved);
        Assert.DoesNotContain(await store.ListAsync(CancellationToken.None), e => e.IsDangling);

        var last = await store.UntagAsync(Web, cancellationToken: CancellationToken.None);
        Assert.Empty(last.RemainingRefNames);
        Assert.False(last.ImageRemoved);
        Assert.True(Assert.Single(await store.ListAsync(CancellationToken.None)).IsDangling);

        await store.TagAsync(Web, image.Manifest, CancellationToken.None);
        var removed = await store.UntagAsync(Web, removeWhenLast: true, cancellationToken: CancellationToken.None);
        Assert.True(removed.ImageRemoved);
        Assert.Empty(await store.ListAsync(CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => store.UntagAsync(Web, cancellationToken: CancellationToken.None));
    }

    [Fact]
    public async Task Removing_a_digest_removes_all_its_entries_and_their_metadata()
    {
        var store = await OpenAsync();
        var image = await TestImages.WriteImageAsync(store.Layout);
        var other = await TestImages.WriteImageAsync(store.Layout);
        await store.TagAsync(Alpine, image.Manifest, pulledFrom: Alpine, cancellationToken: CancellationToken.None);
        await store.TagAsync(Web, image.Manifest, CancellationToken.None);
        await store.TagAsync("docker.io/library/other:1", other.Manifest, CancellationToken.None);

        var removed = await store.RemoveAsync(image.Manifest.Digest, CancellationToken.None);

        Assert.Equal(2, removed.Count);
        Assert.Equal("docker.io/library/other:1", Assert.Single(await store.ListAsync(CancellationToken.None)).RefName);
        var metadata = await File.ReadAllTextAsync(Path.Combine(store.Layout.RootPath, "imagebuild-metadata.json"));
        Assert.DoesNotContain(Alpine, metadata);
        Assert.DoesNotContain(image.Manifest.Digest.ToString(), metadata);
        await Assert.ThrowsAsync<NotFoundException>(() => store.RemoveAsync(image.Manifest.Digest, CancellationToken.None));
    }

    [Fact]
    public async Task A_tag_of_an_image_with_missing_blobs_is_refused()
    {
        var store = await OpenAsync();
        var image = await TestImages.WriteImageAsync(store.Layout);
        File.Delete(store.Layout.BlobPath(image.Layers[0].Digest));

        var error = await Assert.ThrowsAsync<IncompleteImageException>(() => store.TagAsync(Alpine, image.Manifest, CancellationToken.None));

        Assert.Contains(image.Layers[0].Digest.ToString(), error.Message);
        Assert.Equal(image.Layers[0].Digest, error.Missing.Digest);
        Assert.Empty(await store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_index_may_lack_children_but_not_itself()
    {
        var store = await OpenAsync();
        var present = await TestImages.WriteImageAsync(store.Layout);
        var absent = await TestImages.WriteImageAsync(store.Layout, architecture: "arm64");
        var index = await TestImages.WriteIndexAsync(store.Layout, TestImages.ForPlatform(present.Manifest, "amd64"), TestImages.ForPlatform(absent.Manifest, "arm64"));
        File.Delete(store.Layout.BlobPath(absent.Manifest.Digest));

        await store.TagAsync(Alpine, index, CancellationToken.None);

        Assert.True(Assert.Single(await store.ListAsync(CancellationToken.None)).IsIndex);
    }

    [Fact]
    public async Task Image_ids_are_config_digests_for_manifests_and_resolve_from_unique_prefixes()
    {
        var store = await OpenAsync();
        var images = new List<TestImage>();
        for (var i = 0; i < 20; i++)
        {
            images.Add(await TestImages.WriteImageAsync(store.Layout));
            await store.TagAsync($"docker.io/library/app:{i}", images[^1].Manifest, CancellationToken.None);
        }

        var index = await TestImages.WriteIndexAsync(store.Layout, images[0].Manifest);
        await store.TagAsync("docker.io/library/multi:1", index, CancellationToken.None);

        Assert.Equal(images[3].Config.Digest, await store.GetImageIdAsync(images[3].Manifest, CancellationToken.None));
        Assert.Equal(index.Digest, await store.GetImageIdAsync(index, CancellationToken.None));
        var match = await store.FindByIdPrefixAsync(images[5].Config.Digest.Hex[..12], CancellationToken.None);
        Assert.Equal(images[5].Config.Digest, match.ImageId);
        Assert.Equal("docker.io/library/app:5", Assert.Single(match.Entries).RefName);
        Assert.Equal(index.Digest, (await store.FindByIdPrefixAsync("sha256:" + index.Digest.Hex[..10], CancellationToken.None)).ImageId);

        // 21 IDs over 16 first hex digits: some first digit is shared, so a one-character prefix is ambiguous.
        var ids = images.Select(i => i.Config.Digest).Append(index.Digest).ToList();
        var shared = ids.GroupBy(d => d.Hex[0]).First(g => g.Count() > 1).Key;
        var error = await Assert.ThrowsAsync<ImageBuildException>(() => store.FindByIdPrefixAsync(shared.ToString(), CancellationToken.None));
        Assert.Contains("ambiguous", error.Message);
        await Assert.ThrowsAsync<InvalidInputException>(() => store.FindByIdPrefixAsync("xyz", CancellationToken.None));
    }

    [Fact]
    public void The_default_path_follows_the_environment()
    {
        var environment = new Dictionary<string, string?> { ["HOME"] = "/home/u" };
        string? Get(string name) => environment.GetValueOrDefault(name);

        Assert.Equal("/home/u/.local/share/dotnet-image", ImageStore.ResolveDefaultPath(Get));
        environment["XDG_DATA_HOME"] = "relative/ignored";
        Assert.Equal("/home/u/.local/share/dotnet-image", ImageStore.ResolveDefaultPath(Get));
        environment["XDG_DATA_HOME"] = "/data";
        Assert.Equal("/data/dotnet-image", ImageStore.ResolveDefaultPath(Get));
        environment["DOTNET_IMAGE_STORE"] = "/srv/images";
        Assert.Equal("/srv/images", ImageStore.ResolveDefaultPath(Get));
    }

    private Task<ImageStore> OpenAsync() =>
        ImageStore.OpenAsync(temp.Path, new OciLayoutOptions { Time = clock }, CancellationToken.None);
}
