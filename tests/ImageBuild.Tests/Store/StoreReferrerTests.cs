using System.Text;
using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.Sbom;
using ImageBuild.Store;
using ImageBuild.Store.Maintenance;
using ImageBuild.Store.Queries;

namespace ImageBuild.Tests.Store;

/// <summary>
/// Referrers in the store: kept as untagged index.json entries that are not images (ls, prune and rm never see
/// them), listed for their subject, and gone with their blobs when the image they describe goes.
/// </summary>
public sealed class StoreReferrerTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_referrer_is_listed_for_its_subject_but_is_not_an_image()
    {
        var (store, factory) = await OpenAsync();
        var image = await factory.ImageAsync(ImageFactory.Day(1));
        await factory.TagAsync(image.Manifest, "docker.io/library/app:1");

        var sbom = await AttachAsync(store, image.Manifest, "one");

        var listed = Assert.Single(await store.ListReferrersAsync(image.Manifest.Digest, CancellationToken.None));
        Assert.Equal(sbom.Descriptor.Digest, listed.Digest);
        Assert.Equal(SbomArtifact.MediaType, listed.ArtifactType);
        Assert.Single(await store.ListAsync(CancellationToken.None));
        var rows = await ImageQuery.ListAsync(store, new ImageListOptions(All: true), CancellationToken.None);
        Assert.Equal(["app"], rows.Select(r => r.Repository));

        // Other tools see it where oras keeps referrers: an untagged index.json entry with its artifactType.
        var entry = Assert.Single((await store.Layout.ReadIndexAsync(CancellationToken.None)).Manifests, e => e.Digest == sbom.Descriptor.Digest);
        Assert.Null(entry.Annotation(Annotations.RefName));
        Assert.Equal(SbomArtifact.MediaType, entry.ArtifactType);

        // An untagged referrer entry is not a dangling image: prune (which takes untagged images) leaves it.
        var pruned = await ImagePruner.PruneAsync(store, all: false, null, CancellationToken.None);
        Assert.Empty(pruned.Events);
        Assert.Single(await store.ListReferrersAsync(image.Manifest.Digest, CancellationToken.None));
    }

    [Fact]
    public async Task Removing_the_image_removes_its_referrers_their_referrers_and_their_blobs()
    {
        var (store, factory) = await OpenAsync();
        var image = await factory.ImageAsync(ImageFactory.Day(1));
        var other = await factory.ImageAsync(ImageFactory.Day(2));
        await factory.TagAsync(image.Manifest, "docker.io/library/app:1");
        await factory.TagAsync(other.Manifest, "docker.io/library/other:1");
        var sbom = await AttachAsync(store, image.Manifest, "described");
        var signature = await AttachAsync(store, sbom.Descriptor, "signature of the sbom");
        var kept = await AttachAsync(store, other.Manifest, "other's");

        var result = await ImageRemover.RemoveAsync(store, ["app:1"], force: false, noPrune: false, CancellationToken.None);

        Assert.True(result.Succeeded);
        var entries = (await store.Layout.ReadIndexAsync(CancellationToken.None)).Manifests.Select(e => e.Digest).ToList();
        Assert.DoesNotContain(sbom.Descriptor.Digest, entries);
        Assert.DoesNotContain(signature.Descriptor.Digest, entries);
        Assert.Contains(kept.Descriptor.Digest, entries);
        Assert.False(File.Exists(store.Layout.BlobPath(sbom.Descriptor.Digest)));
        Assert.False(File.Exists(store.Layout.BlobPath(signature.Descriptor.Digest)));
        Assert.False(File.Exists(store.Layout.BlobPath(Digest.Compute(Encoding.UTF8.GetBytes("described")))));
        // The empty config is shared with the referrer that stays.
        Assert.True(File.Exists(store.Layout.BlobPath(SbomArtifact.EmptyConfigDescriptor.Digest)));
        Assert.Single(await store.ListReferrersAsync(other.Manifest.Digest, CancellationToken.None));
        await StoreAssertions.AssertHealthyAsync(store);
    }

    [Fact]
    public async Task A_referrer_of_a_platform_manifest_lives_as_long_as_the_index_that_lists_it()
    {
        var (store, factory) = await OpenAsync();
        var amd64 = await factory.ImageAsync(ImageFactory.Day(1));
        var arm64 = await factory.ImageAsync(ImageFactory.Day(1), architecture: "arm64");
        var index = await factory.IndexAsync(amd64.ForPlatform("amd64"), arm64.ForPlatform("arm64"));
        await factory.TagAsync(index, "docker.io/library/multi:1");
        var sbom = await AttachAsync(store, amd64.Manifest, "amd64 sbom");

        await store.TagAsync("docker.io/library/multi:2", index, CancellationToken.None);
        await store.UntagAsync("docker.io/library/multi:1", cancellationToken: CancellationToken.None);
        Assert.Single(await store.ListReferrersAsync(amd64.Manifest.Digest, CancellationToken.None));

        await ImageRemover.RemoveAsync(store, ["multi:2"], force: false, noPrune: false, CancellationToken.None);
        Assert.Empty(await store.ListReferrersAsync(amd64.Manifest.Digest, CancellationToken.None));
        Assert.False(File.Exists(store.Layout.BlobPath(sbom.Descriptor.Digest)));
    }

    [Fact]
    public async Task A_referrer_whose_subject_is_not_in_the_store_is_not_kept()
    {
        var (store, factory) = await OpenAsync();
        var image = await factory.ImageAsync(ImageFactory.Day(1));

        var sbom = await AttachAsync(store, image.Manifest, "about an image the store does not name");

        Assert.Empty(await store.ListReferrersAsync(image.Manifest.Digest, CancellationToken.None));
        Assert.DoesNotContain(sbom.Descriptor.Digest, (await store.Layout.ReadIndexAsync(CancellationToken.None)).Manifests.Select(e => e.Digest));
    }

    private async Task<(ImageStore Store, ImageFactory Factory)> OpenAsync()
    {
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);
        return (store, new ImageFactory(store));
    }

    private static async Task<Referrer> AttachAsync(ImageStore store, Descriptor subject, string document)
    {
        var artifact = SbomArtifact.Create(Encoding.UTF8.GetBytes(document), subject, ImageFactory.Day(5));
        await store.Layout.WriteBytesAsync(SbomArtifact.EmptyConfig, MediaTypes.OciEmpty, CancellationToken.None);
        await store.Layout.WriteBytesAsync(artifact.Document, SbomArtifact.MediaType, CancellationToken.None);
        await store.Layout.WriteJsonAsync(artifact.Manifest, CancellationToken.None);
        await store.AttachReferrersAsync([artifact.Referrer], CancellationToken.None);
        return artifact.Referrer;
    }
}
