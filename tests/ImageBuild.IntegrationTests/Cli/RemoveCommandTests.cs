using static ImageBuild.IntegrationTests.Cli.CliStore;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary><c>dotnet image rm</c> (and <c>rmi</c>) as a process: docker's untag-then-delete rules and messages.</summary>
public sealed class RemoveCommandTests : IDisposable
{
    private readonly CliStore store = new();

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task Removing_one_of_two_tags_only_untags()
    {
        var id = await store.ImportSmallAsync("a:1", DaysAgo(3));
        (await store.RunAsync("tag", "a:1", "a:2")).EnsureSuccess();
        var blobs = store.BlobDigests();

        Assert.Equal("Untagged: a:1\n", await store.OutputAsync("rm", "a:1"));

        Assert.Equal($"a:2 {Short(id)}\n", await store.OutputAsync("ls", "-a", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"));
        Assert.Equal(blobs, store.BlobDigests());
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task Removing_the_last_tag_deletes_the_image_but_not_a_layer_another_image_uses()
    {
        var kept = await store.ImportSmallAsync("keep:1", DaysAgo(5), "shared\n");
        var dropped = await store.ImportSmallAsync("drop:1", DaysAgo(3), "shared\n");
        var sharedLayer = Assert.Single(await store.LayerDigestsAsync(dropped));
        var droppedManifest = await store.ManifestDigestAsync("docker.io/library/drop:1");

        Assert.Equal($"Untagged: drop:1\nDeleted: {dropped}\n", await store.OutputAsync("rmi", "drop:1"));

        var blobs = store.BlobDigests();
        Assert.DoesNotContain(dropped, blobs);
        Assert.DoesNotContain(droppedManifest, blobs);
        Assert.Contains(sharedLayer, blobs);
        Assert.Equal($"{Short(kept)}\n", await store.OutputAsync("ls", "-a", "-q"));
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task An_id_tagged_in_several_repositories_needs_force()
    {
        var id = await store.ImportSmallAsync("a:1", DaysAgo(3));
        (await store.RunAsync("tag", "a:1", "localhost:5000/b:2")).EnsureSuccess();
        var blobs = store.BlobDigests();

        await store.AssertFailsAsync(1, $"error: conflict: unable to delete {Short(id)} (must be forced) - image is referenced in multiple repositories\n", "rm", Short(id));

        Assert.Equal(2, (await store.RefNamesAsync()).Count);
        Assert.Equal(blobs, store.BlobDigests());
        await store.AssertSoundAsync();

        Assert.Equal($"Untagged: a:1\nUntagged: localhost:5000/b:2\nDeleted: {id}\n", await store.OutputAsync("rm", "-f", Short(id)));
        Assert.Empty(await store.RefNamesAsync());
        Assert.Empty(store.BlobDigests());
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task An_id_with_one_tag_is_deleted_with_it_and_two_tags_need_force_as_in_docker()
    {
        var id = await store.ImportSmallAsync("a:1", DaysAgo(3));
        (await store.RunAsync("tag", "a:1", "a:2")).EnsureSuccess();

        await store.AssertFailsAsync(1, $"error: conflict: unable to delete {Short(id)} (must be forced) - image is referenced in multiple repositories\n", "rm", Short(id)[..6]);
        Assert.Equal("Untagged: a:2\n", await store.OutputAsync("rm", "a:2"));
        Assert.Equal($"Untagged: a:1\nDeleted: {id}\n", await store.OutputAsync("rm", Short(id)[..6]));

        Assert.Empty(store.BlobDigests());
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task No_prune_has_no_parent_images_to_keep_so_the_image_goes_as_without_it()
    {
        var id = await store.ImportSmallAsync("a:1", DaysAgo(3));

        Assert.Equal($"Untagged: a:1\nDeleted: {id}\n", await store.OutputAsync("rm", "--no-prune", "a:1"));

        Assert.Empty(await store.OutputAsync("ls", "-q"));
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task Unknown_images_fail_unless_forced_and_the_others_are_still_removed()
    {
        var id = await store.ImportSmallAsync("a:1", DaysAgo(3));
        await store.ImportSmallAsync("b:1", DaysAgo(2), "b\n");

        var unforced = await store.RunAsync("rm", "nosuch", "a:1");
        Assert.Equal(1, unforced.ExitCode);
        Assert.Equal($"Untagged: a:1\nDeleted: {id}\n", unforced.StandardOutput);
        Assert.Equal("error: No such image: nosuch:latest\n", unforced.StandardError);
        await store.AssertSoundAsync();

        var forced = await store.RunAsync("rm", "-f", "nosuch");
        Assert.Equal(0, forced.ExitCode);
        Assert.Empty(forced.StandardOutput);
        Assert.Equal("error: No such image: nosuch:latest\n", forced.StandardError);
        Assert.Equal(["docker.io/library/b:1"], await store.RefNamesAsync());
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task Rm_of_ls_q_with_force_empties_the_store()
    {
        await store.ImportSmallAsync("a:1", DaysAgo(6), "a\n");
        await store.ImportSmallAsync("localhost:5000/x/y:v1", DaysAgo(5), "b\n");
        await store.ImportBusyboxAsync("bb:1.0", DaysAgo(4));
        (await store.RunAsync("tag", "bb:1.0", "bb:2", "other/bb")).EnsureSuccess();
        (await store.RunAsync("tag", "a:1", "a:2")).EnsureSuccess();

        // As the shell runs `rm $(ls -q) -f`: one argument per printed ID, repeated IDs included.
        var ids = (await store.OutputAsync("ls", "-q")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, ids.Length);
        var result = await store.RunAsync(["rm", .. ids, "-f"]);

        Assert.Equal(0, result.ExitCode);
        Assert.All(result.StandardError.TrimEnd('\n').Split('\n'), line => Assert.Matches("^error: No such image: [0-9a-f]{12}$", line));
        Assert.Equal(3, result.StandardOutput.Split('\n').Count(l => l.StartsWith("Deleted: sha256:", StringComparison.Ordinal)));
        Assert.Equal("REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n", await store.OutputAsync("ls", "-a"));
        Assert.Empty(await store.RefNamesAsync());
        Assert.Empty(store.BlobDigests());
        await store.AssertSoundAsync();
    }
}
