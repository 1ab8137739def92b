using ImageBuild.Errors;
using ImageBuild.Store.Queries;

namespace ImageBuild.Tests.Store.Queries;

public sealed class ImageQueryTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Lists_one_row_per_tag_newest_first_with_familiar_names_and_dangling_images_too()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        var rows = await ListAsync(sample, new ImageListOptions());

        Assert.Equal(
            ["<none>:<none>", "ghcr.io/o/tool:1", "alpine:3.20", "alpine:latest", "localhost:5000/app:latest", "alpine:3.19"],
            rows.Select(r => $"{r.Repository}:{r.Tag}"));
        var middle = rows[2];
        Assert.Equal(sample.Middle.Id, middle.Id);
        Assert.Equal("<none>", middle.Digest);
        Assert.Equal(sample.Middle.DiskSize, middle.Size);
        Assert.Equal(ImageFactory.Day(2), middle.Created);
        Assert.Equal("x", middle.Labels["team"]);
    }

    [Fact]
    public async Task Manifests_with_one_config_are_one_image_with_every_name()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);
        var other = await sample.Factory.ReManifestAsync(sample.New);
        await sample.Store.TagAsync("ghcr.io/o/tool:copy", other, pulledFrom: $"ghcr.io/o/tool@{other.Digest}", cancellationToken: CancellationToken.None);
        await sample.Store.TagAsync($"docker.io/library/pinned@{other.Digest}", other, pulledFrom: $"docker.io/library/pinned@{other.Digest}", cancellationToken: CancellationToken.None);
        var catalog = await StoreImageCatalog.LoadAsync(sample.Store, CancellationToken.None);

        var image = Assert.Single(catalog.Images, i => i.ImageId == sample.New.Id);
        var rows = ImageQuery.List(catalog, new ImageListOptions(Digests: true, Filter: ImageFilter.Parse(["reference=*/o/tool", "reference=pinned"])), ImageFactory.Day(9));

        Assert.Equal(2, image.Manifests.Count);
        Assert.Equal(["ghcr.io/o/tool:1", "ghcr.io/o/tool:copy"], image.RepoTags());
        Assert.Equal([$"pinned@{other.Digest}", $"ghcr.io/o/tool@{other.Digest}"], image.RepoDigests());
        Assert.Equal(
            [$"ghcr.io/o/tool:1 {other.Digest}", $"ghcr.io/o/tool:copy {other.Digest}", $"pinned:<none> {other.Digest}"],
            rows.Select(r => $"{r.Repository}:{r.Tag} {r.Digest}"));
        Assert.Equal(sample.New.Id, ImageResolver.Resolve(catalog, sample.New.Id.Hex[..12]).Image.ImageId);
    }

    [Fact]
    public async Task Dangling_images_show_with_all_or_dangling_true_and_never_with_dangling_false()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        var all = await ListAsync(sample, new ImageListOptions(All: true));
        var danglingOnly = await ListAsync(sample, new ImageListOptions(Filter: ImageFilter.Parse(["dangling=true"])));
        var taggedOnly = await ListAsync(sample, new ImageListOptions(All: true, Filter: ImageFilter.Parse(["dangling=false"])));

        var plain = await ListAsync(sample, new ImageListOptions());

        Assert.Equal(6, all.Count);
        Assert.Equal(all.Select(r => (r.Id, r.Repository, r.Tag)), plain.Select(r => (r.Id, r.Repository, r.Tag)));
        Assert.True(all[0].IsDangling);
        Assert.Equal(("<none>", "<none>", sample.Dangling.Id), (all[0].Repository, all[0].Tag, all[0].Id));
        Assert.Equal([sample.Dangling.Id], danglingOnly.Select(r => r.Id));
        Assert.Equal(5, taggedOnly.Count);
        Assert.DoesNotContain(taggedOnly, r => r.IsDangling);
    }

    [Fact]
    public async Task Labels_are_anded()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        var prod = await IdsAsync(sample, "label=env=prod");
        var prodAndTeam = await IdsAsync(sample, "label=env=prod", "label=team=x");
        var teamKey = await IdsAsync(sample, "label=team");
        var none = await IdsAsync(sample, "label=env=prod", "label=env=dev");

        Assert.Equal([sample.Middle.Id, sample.Old.Id], prod);
        Assert.Equal([sample.Middle.Id], prodAndTeam);
        Assert.Equal([sample.Middle.Id], teamKey);
        Assert.Empty(none);
    }

    [Fact]
    public async Task References_are_ored_and_keep_only_matching_tags()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        var qualified = await RowsAsync(sample, "reference=docker.io/library/alpine");
        var alpine = await RowsAsync(sample, "reference=alpine");
        var latest = await RowsAsync(sample, "reference=*:latest");
        var either = await RowsAsync(sample, "reference=*:latest", "reference=ghcr.io/o/*");
        var withAll = await ListAsync(sample, new ImageListOptions(All: true, Filter: ImageFilter.Parse(["reference=*"])));

        Assert.Empty(qualified);
        Assert.Equal(["alpine:3.20", "alpine:latest", "alpine:3.19"], alpine);
        Assert.Equal(["alpine:latest"], latest);
        Assert.Equal(["ghcr.io/o/tool:1", "alpine:latest"], either);
        Assert.DoesNotContain(withAll, r => r.IsDangling);
    }

    [Fact]
    public async Task The_repository_argument_matches_repository_and_tag()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        var repository = await ListAsync(sample, new ImageListOptions(Repository: "alpine"));
        var tagged = await ListAsync(sample, new ImageListOptions(Repository: "alpine:3.20"));
        var full = await ListAsync(sample, new ImageListOptions(Repository: "localhost:5000/app"));

        Assert.Equal(["3.20", "latest", "3.19"], repository.Select(r => r.Tag));
        Assert.Equal([sample.Middle.Id], tagged.Select(r => r.Id));
        Assert.Equal(["localhost:5000/app"], full.Select(r => r.Repository));
    }

    [Fact]
    public async Task Before_and_since_are_strict_and_take_references_or_ids()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        var before = await IdsAsync(sample, "before=alpine:3.20");
        var since = await IdsAsync(sample, "since=alpine");
        var beforeById = await IdsAsync(sample, $"before={sample.New.Id.Hex[..10]}");
        var window = await IdsAsync(sample, "since=alpine:3.19", "before=ghcr.io/o/tool:1");

        Assert.Equal([sample.Old.Id], before);
        Assert.Equal([sample.Dangling.Id, sample.New.Id], since);
        Assert.Equal([sample.Middle.Id, sample.Old.Id], beforeById);
        Assert.Equal([sample.Middle.Id], window);
    }

    [Fact]
    public async Task Before_an_unknown_image_names_it()
    {
        var sample = await SampleStore.CreateAsync(temp.Path);

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => IdsAsync(sample, "before=nope"));

        Assert.Equal("No such image: nope:latest", ex.Message);
    }

    [Fact]
    public async Task Until_keeps_images_created_strictly_before_the_moment()
    {
        var time = new ManualTimeProvider(ImageFactory.Day(3, 15));
        var sample = await SampleStore.CreateAsync(temp.Path, time);

        var atMiddle = await IdsAsync(sample, $"until={sample.Middle.Created}");
        var twoWeeksAgo = await IdsAsync(sample, "until=336h");
        var unix = await IdsAsync(sample, "until=" + (ImageFactory.Day(2).ToUnixTimeSeconds() + 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal([sample.Old.Id], atMiddle);
        Assert.Equal([sample.Middle.Id, sample.Old.Id], twoWeeksAgo);
        Assert.Equal([sample.Middle.Id, sample.Old.Id], unix);
    }

    [Fact]
    public async Task An_index_row_has_the_index_digest_as_id_its_newest_child_time_and_all_stored_bytes()
    {
        var store = await ImageBuild.Store.ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var factory = new ImageFactory(store);
        var amd64 = await factory.ImageAsync(ImageFactory.Day(5));
        var arm64 = await factory.ImageAsync(ImageFactory.Day(6), architecture: "arm64");
        var index = await factory.IndexAsync(amd64.ForPlatform("amd64"), arm64.ForPlatform("arm64"));
        await factory.TagAsync(index, "docker.io/library/multi:1");

        var row = Assert.Single(await ImageQuery.ListAsync(store, new ImageListOptions(), CancellationToken.None));

        Assert.Equal(index.Digest, row.Id);
        Assert.Equal("<none>", row.Digest);
        Assert.Equal(ImageFactory.Day(6), row.Created);
        Assert.Equal(index.Size + amd64.DiskSize + arm64.DiskSize, row.Size);
    }

    private static Task<IReadOnlyList<ImageSummary>> ListAsync(SampleStore sample, ImageListOptions options) =>
        ImageQuery.ListAsync(sample.Store, options, CancellationToken.None);

    private static async Task<IReadOnlyList<string>> RowsAsync(SampleStore sample, params string[] filters) =>
        (await ListAsync(sample, new ImageListOptions(Filter: ImageFilter.Parse(filters)))).Select(r => $"{r.Repository}:{r.Tag}").ToList();

    private static async Task<IReadOnlyList<ImageBuild.Oci.Digest>> IdsAsync(SampleStore sample, params string[] filters) =>
        (await ListAsync(sample, new ImageListOptions(Filter: ImageFilter.Parse(filters)))).Select(r => r.Id).Distinct().ToList();
}
