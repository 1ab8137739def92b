using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// A store damaged on disk (one flipped byte, a truncated layer) never yields a different filesystem: every
/// command that reads the blob stops with one line naming it and fsck --repair, repair removes it and names the
/// image to pull, and pull fetches it again instead of saying "Already exists".
/// </summary>
public sealed class CorruptStoreTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly CliStore store = new();

    public void Dispose() => store.Dispose();

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    public async Task Export_unpack_save_and_push_refuse_a_damaged_layer_with_one_line(string damage)
    {
        var image = await store.ImportSmallAsync("docker.io/library/damaged:1", CliStore.DaysAgo(1), "the real content\n");
        var layer = Assert.Single(await store.LayerDigestsAsync(image));
        Damage(layer, damage);
        var target = Path.Combine(store.Root, "..", "unpacked-" + damage);

        foreach (var arguments in new[]
        {
            new[] { "export", "damaged:1", "-o", Path.Combine(store.Root, "..", "out.tar") },
            ["unpack", "damaged:1", target],
            ["save", "damaged:1", "-o", Path.Combine(store.Root, "..", "saved.tar")],
            ["copy", "store:docker.io/library/damaged:1", $"oci:{Path.Combine(store.Root, "..", "copied")}:1"],
        })
        {
            var result = await store.RunAsync(arguments);

            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(result.StandardError.TrimEnd('\n').Split('\n'));
            Assert.StartsWith($"error: blob {layer} in {store.Root} is corrupt: ", line);
            Assert.Contains("fsck --repair", line);
        }

        Assert.False(Directory.Exists(target));
        Assert.False(File.Exists(Path.Combine(store.Root, "..", "out.tar")));
    }

    [Fact]
    public async Task Pull_downloads_again_a_layer_the_store_holds_damaged_and_repair_names_the_image_to_pull()
    {
        var reference = $"{registry.Host}/corrupt/pulled:1";
        var image = await store.ImportSmallAsync(reference, CliStore.DaysAgo(1), "pulled content\n");
        (await store.RunAsync("push", reference)).EnsureSuccess();
        var layer = Assert.Single(await store.LayerDigestsAsync(image));
        var intact = await File.ReadAllBytesAsync(store.BlobPath(layer));
        Damage(layer, "flip");
        var before = registry.Requests().Count;

        var pull = (await store.RunAsync("pull", reference)).EnsureSuccess();

        Assert.DoesNotContain("Already exists", pull.StandardError);
        Assert.Contains(registry.Requests().Skip(before), r => r is { Method: "GET", Status: 200 } && r.Target.EndsWith($"/blobs/{layer}", StringComparison.Ordinal));
        Assert.Equal(intact, await File.ReadAllBytesAsync(store.BlobPath(layer)));
        (await store.RunAsync("fsck")).EnsureSuccess();

        Damage(layer, "truncate");
        var repair = await store.RunAsync("fsck", "--repair");

        Assert.Contains($"removed corrupt blob: {layer}\n", repair.StandardOutput);
        Assert.Contains($"needs a re-pull: {reference} (its corrupt blob {layer} was removed): dotnet image pull {reference}\n", repair.StandardOutput);
        Assert.False(File.Exists(store.BlobPath(layer)));
        (await store.RunAsync("pull", reference)).EnsureSuccess();
        Assert.Equal(intact, await File.ReadAllBytesAsync(store.BlobPath(layer)));
        (await store.RunAsync("fsck")).EnsureSuccess();
    }

    private void Damage(string digest, string how)
    {
        var path = store.BlobPath(digest);
        var bytes = File.ReadAllBytes(path);
        if (how == "flip")
        {
            bytes[bytes.Length / 2] ^= 0x01;
        }
        else
        {
            bytes = bytes[..^10];
        }

        File.WriteAllBytes(path, bytes);
    }
}
