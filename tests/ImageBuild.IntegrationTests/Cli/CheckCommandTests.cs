using System.Security.Cryptography;
using static ImageBuild.IntegrationTests.Cli.CliStore;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary><c>dotnet image fsck</c> as a process: it finds damage made on disk, changes nothing, and --repair removes only what is broken.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly CliStore store = new();

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task A_clean_store_passes()
    {
        await store.ImportSmallAsync("a:1", DaysAgo(3));

        var result = await store.RunAsync("fsck");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Equal($"{store.Root}: no problems found\n", result.StandardError);
    }

    [Fact]
    public async Task A_corrupt_blob_is_reported_and_nothing_changes()
    {
        var damaged = await store.ImportSmallAsync("a:1", DaysAgo(4), "a\n");
        await store.ImportSmallAsync("b:1", DaysAgo(3), "b\n");
        var layer = Assert.Single(await store.LayerDigestsAsync(damaged));
        await File.AppendAllTextAsync(store.BlobPath(layer), "garbage");
        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(store.BlobPath(layer))));
        var before = Snapshot();

        var result = await store.RunAsync("fsck");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: blob {layer} is corrupt: its content hashes to {actual}; run 'dotnet image fsck --repair' to remove it, then pull the images that use it again\n", result.StandardOutput);
        Assert.Empty(result.StandardError);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Repair_removes_a_stale_temp_file_and_keeps_a_fresh_one()
    {
        await store.ImportSmallAsync("a:1", DaysAgo(3));
        var ingest = Path.Combine(store.Root, "ingest");
        Directory.CreateDirectory(ingest);
        var stale = Path.Combine(ingest, "0123456789abcdef0123456789abcdef.tmp");
        var fresh = Path.Combine(ingest, "fedcba9876543210fedcba9876543210.tmp");
        await File.WriteAllBytesAsync(stale, new byte[100]);
        await File.WriteAllBytesAsync(fresh, new byte[7]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));
        var warning = $"warning: temp file {stale} (100 bytes) was left by an interrupted pull or build; repair deletes it\n";

        var check = (await store.RunAsync("fsck")).EnsureSuccess();
        Assert.Equal(warning, check.StandardOutput);
        Assert.True(File.Exists(stale), "fsck without --repair removed a file");

        var repair = (await store.RunAsync("fsck", "--repair")).EnsureSuccess();
        Assert.Equal($"{warning}removed temp file: {stale}\nTotal reclaimed space: 100B\n", repair.StandardOutput);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh), "a temp file that may belong to a running pull was removed");
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task Repair_removes_an_entry_whose_layer_is_gone_and_keeps_the_others()
    {
        var broken = await store.ImportSmallAsync("broken:1", DaysAgo(4), "a\n");
        await store.ImportSmallAsync("intact:1", DaysAgo(3), "b\n");
        var layer = Assert.Single(await store.LayerDigestsAsync(broken));
        var manifest = await store.ManifestDigestAsync("docker.io/library/broken:1");
        File.Delete(store.BlobPath(layer));
        var problem = $"error: image docker.io/library/broken:1 lacks application/vnd.oci.image.layer.v1.tar+gzip {layer} (named by {manifest}); pull the image again, or repair to remove the broken entry\n";

        var check = await store.RunAsync("fsck");
        Assert.Equal(1, check.ExitCode);
        Assert.Equal(problem, check.StandardOutput);
        Assert.Equal(2, (await store.RefNamesAsync()).Count);

        var repair = (await store.RunAsync("fsck", "--repair")).EnsureSuccess();
        Assert.Equal($"{problem}removed broken entry: docker.io/library/broken:1 ({manifest})\nTotal reclaimed space: 0B\n", repair.StandardOutput);
        Assert.Equal(["docker.io/library/intact:1"], await store.RefNamesAsync());
        await store.AssertSoundAsync();
    }

    /// <summary>Every file under the store with its content hash and modification time.</summary>
    private SortedDictionary<string, string> Snapshot() =>
        new(Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories).ToDictionary(
            path => Path.GetRelativePath(store.Root, path),
            path => $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))} {File.GetLastWriteTimeUtc(path):O}"),
            StringComparer.Ordinal);
}
