using ImageBuild.Errors;
using ImageBuild.Store.Queries;

namespace ImageBuild.Tests.Store.Queries;

public sealed class ImageResolverTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("alpine")]
    [InlineData("alpine:latest")]
    [InlineData("docker.io/library/alpine")]
    [InlineData("localhost:5000/app")]
    public async Task References_are_normalized_with_latest(string text)
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        var resolved = await ImageResolver.ResolveAsync(sample.Store, text, CancellationToken.None);

        Assert.Equal(sample.Middle.Id, resolved.Image.ImageId);
        Assert.Equal(ImageResolution.ByReference, resolved.How);
        Assert.NotNull(resolved.Tag);
    }

    [Fact]
    public async Task Ids_and_prefixes_find_the_image()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);
        var id = sample.Old.Id;
        var catalog = await StoreImageCatalog.LoadAsync(sample.Store, CancellationToken.None);

        string[] texts = [id.ToString(), id.Hex, id.Hex[..12], "sha256:" + id.Hex[..8]];

        Assert.All(texts, text =>
        {
            var resolved = ImageResolver.Resolve(catalog, text);
            Assert.Equal(id, resolved.Image.ImageId);
            Assert.Equal(ImageResolution.ById, resolved.How);
        });
    }

    [Fact]
    public async Task Manifest_digests_and_digests_of_other_repositories_name_nothing_as_in_docker()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);
        var manifest = sample.Old.Manifest.Digest;
        await sample.Store.TagAsync($"docker.io/library/pulled@{manifest}", sample.Old.Manifest, CancellationToken.None);
        var catalog = await StoreImageCatalog.LoadAsync(sample.Store, CancellationToken.None);

        var byDigest = ImageResolver.Resolve(catalog, "pulled@" + manifest);

        Assert.Equal((sample.Old.Id, ImageResolution.ByDigest), (byDigest.Image.ImageId, byDigest.How));
        Assert.Equal("No such image: " + manifest, Assert.Throws<NotFoundException>(() => ImageResolver.Resolve(catalog, manifest.ToString())).Message);
        Assert.Throws<NotFoundException>(() => ImageResolver.Resolve(catalog, "alpine@" + manifest));
    }

    [Fact]
    public async Task An_ambiguous_prefix_is_an_error_naming_the_candidates()
    {
        var store = await ImageBuild.Store.ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var factory = new ImageFactory(store);
        var seen = new Dictionary<char, BuiltImage>();
        BuiltImage first, second;
        while (true)
        {
            var image = await factory.ImageAsync(ImageFactory.Day(1));
            await store.AddUntaggedAsync(image.Manifest, CancellationToken.None);
            if (seen.TryGetValue(image.Id.Hex[0], out var earlier))
            {
                (first, second) = (earlier, image);
                break;
            }

            seen[image.Id.Hex[0]] = image;
        }

        var ex = await Assert.ThrowsAsync<ImageBuildException>(() => ImageResolver.ResolveAsync(store, first.Id.Hex[..1], CancellationToken.None));

        Assert.Contains("ambiguous", ex.Message);
        Assert.Contains(first.Id.ShortHex, ex.Message);
        Assert.Contains(second.Id.ShortHex, ex.Message);
    }

    [Fact]
    public async Task A_stored_tag_wins_over_an_id_prefix()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);
        var prefix = sample.Old.Id.Hex[..6];
        await sample.Factory.TagAsync(sample.New.Manifest, $"docker.io/library/{prefix}:latest");

        var resolved = await ImageResolver.ResolveAsync(sample.Store, prefix, CancellationToken.None);

        Assert.Equal(sample.New.Id, resolved.Image.ImageId);
        Assert.Equal(ImageResolution.ByReference, resolved.How);
    }

    [Theory]
    [InlineData("nope", "No such image: nope:latest")]
    [InlineData("alpine:9", "No such image: alpine:9")]
    [InlineData("ghcr.io/o/other", "No such image: ghcr.io/o/other:latest")]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000", "No such image: sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Unknown_images_are_named_as_docker_names_them(string text, string message)
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => ImageResolver.ResolveAsync(sample.Store, text, CancellationToken.None));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public async Task Text_that_is_neither_reference_nor_id_is_invalid_input()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        await Assert.ThrowsAsync<InvalidInputException>(() => ImageResolver.ResolveAsync(sample.Store, "Not/Valid!", CancellationToken.None));
    }
}
