using static ImageBuild.IntegrationTests.Cli.CliStore;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary><c>dotnet image tag</c> as a process: many names at once, docker's refusals, and tags that move.</summary>
public sealed class TagCommandTests : IDisposable
{
    private readonly CliStore store = new();

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task Many_targets_are_tagged_at_once_and_a_missing_tag_means_latest()
    {
        var id = await store.ImportSmallAsync("src:1", DaysAgo(3));

        Assert.Empty(await store.OutputAsync("tag", "src:1", "b", "c:2", "localhost:5000/x/y:v1", "docker.io/team/app:3"));

        Assert.Equal(
            ["docker.io/library/b:latest", "docker.io/library/c:2", "docker.io/library/src:1", "docker.io/team/app:3", "localhost:5000/x/y:v1"],
            (await store.RefNamesAsync()).Order(StringComparer.Ordinal));
        var rows = (await store.OutputAsync("ls", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            new[] { "b:latest", "c:2", "localhost:5000/x/y:v1", "src:1", "team/app:3" }.Select(n => $"{n} {Short(id)}"),
            rows.Order(StringComparer.Ordinal));
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task A_digest_target_is_refused_before_any_tag_is_written()
    {
        await store.ImportSmallAsync("src:1", DaysAgo(3));
        var digest = await store.ManifestDigestAsync("docker.io/library/src:1");

        await store.AssertFailsAsync(2, $"error: refusing to create a tag with a digest reference: bad@{digest}; give a name and tag such as bad:1.0\n", "tag", "src:1", "good:1", $"bad@{digest}");

        Assert.Equal(["docker.io/library/src:1"], await store.RefNamesAsync());
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task Moving_a_tag_leaves_the_image_it_left_dangling()
    {
        var old = await store.ImportSmallAsync("app:1", DaysAgo(5), "old\n");
        var replacement = await store.ImportSmallAsync("next:1", DaysAgo(3), "new\n");

        Assert.Empty(await store.OutputAsync("tag", "next:1", "app:1"));

        Assert.Equal(
            $"app:1 {Short(replacement)}\nnext:1 {Short(replacement)}\n<none>:<none> {Short(old)}\n",
            await store.OutputAsync("ls", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"));
        Assert.Equal(
            $"app:1 {Short(replacement)}\nnext:1 {Short(replacement)}\n<none>:<none> {Short(old)}\n",
            await store.OutputAsync("ls", "-a", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"));
        Assert.Equal($"{Short(old)}\n", await store.OutputAsync("ls", "-q", "--filter", "dangling=true"));
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task The_source_may_be_a_unique_id_prefix_or_a_full_id()
    {
        var id = await store.ImportSmallAsync("src:1", DaysAgo(3));

        Assert.Empty(await store.OutputAsync("tag", Short(id)[..5], "by-prefix:1"));
        Assert.Empty(await store.OutputAsync("tag", id, "by-id:1"));

        Assert.Equal($"{id}\n{id}\n{id}\n", await store.OutputAsync("ls", "-q", "--no-trunc"));
        Assert.Equal(["docker.io/library/by-id:1", "docker.io/library/by-prefix:1", "docker.io/library/src:1"], (await store.RefNamesAsync()).Order(StringComparer.Ordinal));
        await store.AssertSoundAsync();
    }

    [Theory]
    [InlineData("nosuch", "good:1", 1, "error: No such image: nosuch:latest\n")]
    [InlineData("src:1", "Bad:1", 2, "error: invalid reference \"Bad:1\": repository name must be lowercase: 'B' at position 1 (use \"bad\")\n")]
    public async Task A_bad_source_or_target_changes_nothing(string source, string target, int exitCode, string error)
    {
        await store.ImportSmallAsync("src:1", DaysAgo(3));

        await store.AssertFailsAsync(exitCode, error, "tag", source, target);

        Assert.Equal(["docker.io/library/src:1"], await store.RefNamesAsync());
        await store.AssertSoundAsync();
    }
}
