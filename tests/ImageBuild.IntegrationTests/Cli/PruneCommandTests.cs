using static ImageBuild.IntegrationTests.Cli.CliStore;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary><c>dotnet image prune</c> as a process: what goes, what stays, and the space it reports.</summary>
public sealed class PruneCommandTests : IDisposable
{
    private readonly CliStore store = new();

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task Without_force_the_end_of_standard_input_means_no_as_in_docker()
    {
        var dangling = await store.ImportSmallAsync(null, DaysAgo(3));

        // CliRunner closes standard input: the question is asked and the empty answer is no.
        var result = (await store.RunAsync("prune")).EnsureSuccess();

        Assert.Equal("WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ", result.StandardOutput.TrimEnd('\n'));
        Assert.Equal($"{Short(dangling)}\n", await store.OutputAsync("ls", "-q", "-a"));
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task All_removes_every_image_names_first()
    {
        var tagged = await store.ImportSmallAsync("app:1", DaysAgo(4), "shared\n");

        var result = (await store.RunAsync("prune", "-a", "-f")).EnsureSuccess();

        Assert.StartsWith($"Deleted Images:\nuntagged: app:1\ndeleted: {tagged}\n\nTotal reclaimed space: ", result.StandardOutput);
        Assert.Empty(await store.OutputAsync("ls", "-q"));
        Assert.Empty(store.BlobDigests());
        await store.AssertSoundAsync();
    }

    [Theory]
    [InlineData("-f")]
    public async Task Dangling_images_go_and_only_the_bytes_really_freed_are_reported(params string[] options)
    {
        var replaced = await store.ImportSmallAsync("app:1", DaysAgo(6), "shared\n");
        var tagged = await store.ImportSmallAsync("app:1", DaysAgo(4), "shared\n");
        var untagged = await store.ImportSmallAsync(null, DaysAgo(5), "unique\n");
        var sharedLayer = Assert.Single(await store.LayerDigestsAsync(tagged));
        var before = store.BlobDigests().ToDictionary(d => d, store.BlobLength);

        var result = await store.RunAsync(["prune", .. options]);

        result.EnsureSuccess();
        Assert.Empty(result.StandardError);
        var freed = before.Keys.Except(store.BlobDigests()).ToList();
        Assert.DoesNotContain(sharedLayer, freed);
        Assert.Contains(replaced, freed);
        Assert.Contains(untagged, freed);
        Assert.Equal(5, freed.Count);
        var lines = result.StandardOutput.Split('\n');
        Assert.Equal("Deleted Images:", lines[0]);
        Assert.Equal(new[] { $"deleted: {replaced}", $"deleted: {untagged}" }.Order(StringComparer.Ordinal), lines[1..3].Order(StringComparer.Ordinal));
        Assert.Equal(["", $"Total reclaimed space: {HumanSize(freed.Sum(d => before[d]))}", ""], lines[3..]);
        Assert.Equal($"{Short(tagged)}\n", await store.OutputAsync("ls", "-a", "-q"));
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task Nothing_to_prune_reclaims_0B()
    {
        await store.ImportSmallAsync("app:1", DaysAgo(3));
        var before = store.BlobDigests();

        Assert.Equal("Total reclaimed space: 0B\n", await store.OutputAsync("prune", "-f"));

        Assert.Equal(before, store.BlobDigests());
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task Until_and_label_filters_narrow_what_is_pruned()
    {
        var old = await store.ImportSmallAsync(null, DaysAgo(10), "old\n");
        var labelled = await store.ImportSmallAsync(null, DaysAgo(3), "labelled\n", "LABEL stage=build");
        var recent = await store.ImportSmallAsync(null, DaysAgo(2), "recent\n");

        var byAge = await store.OutputAsync("prune", "-f", "--filter", "until=120h");
        Assert.StartsWith($"Deleted Images:\ndeleted: {old}\n\nTotal reclaimed space: ", byAge);

        var byLabel = await store.OutputAsync("prune", "-f", "--filter", "label=stage=build");
        Assert.StartsWith($"Deleted Images:\ndeleted: {labelled}\n\nTotal reclaimed space: ", byLabel);

        Assert.Equal($"{Short(recent)}\n", await store.OutputAsync("ls", "-a", "-q"));
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task A_bad_filter_is_a_usage_error()
    {
        var dangling = await store.ImportSmallAsync(null, DaysAgo(3));

        await store.AssertFailsAsync(2, "error: invalid filter 'dangling': valid filters are label, label!, until\n", "prune", "-f", "--filter", "dangling=true");
        Assert.Equal($"{Short(dangling)}\n", await store.OutputAsync("ls", "-a", "-q"));
    }
}
