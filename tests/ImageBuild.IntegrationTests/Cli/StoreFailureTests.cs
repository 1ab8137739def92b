using System.Security.Cryptography;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// The store on a file system that fills up or turns read-only: each failure is one line naming the store and
/// the fix (exit 1, no stack trace), nothing is left behind, and the store is sound once space or write access returns.
/// </summary>
public sealed class StoreFailureTests : IDisposable
{
    private readonly CliStore cli = new();
    private readonly TempDirectory inputs = TempDirectory.Create("imagebuild-store-failure");

    public void Dispose()
    {
        cli.Dispose();
        inputs.Dispose();
    }

    [Fact]
    public async Task A_full_disk_is_one_line_and_leaves_no_temp_file_and_a_sound_store()
    {
        await using var disk = await Tmpfs.MountAsync(cli.Root, "8m");
        var big = await RandomRootfsTarAsync(megabytes: 12);

        var full = await cli.RunAsync("import", big, "big:1");

        Assert.Equal(1, full.ExitCode);
        Assert.Equal(
            $"error: import: no space left on device while writing the store at {cli.Root}; free some space (for the store: 'dotnet image prune') and run the command again\n",
            full.StandardError);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(cli.Root, "ingest")));
        await cli.AssertSoundAsync();

        await disk.ResizeAsync("64m");
        await cli.OutputAsync("import", big, "big:1");
        Assert.Contains("big", await cli.OutputAsync("ls", "--format", "{{.Repository}}:{{.Tag}}"));
        await cli.AssertSoundAsync();
    }

    [Fact]
    public async Task A_read_only_store_refuses_changes_at_once_in_one_line_and_still_lists()
    {
        await using var disk = await Tmpfs.MountAsync(cli.Root, "16m");
        var id = await cli.ImportSmallAsync("small:1", CliStore.DaysAgo(3));
        await disk.MakeReadOnlyAsync();

        var error = $"read-only file system: cannot write the store at {cli.Root}; give a writable store with --store DIR";
        var import = await cli.RunAsync("import", await RandomRootfsTarAsync(megabytes: 1), "other:1");
        Assert.Equal((1, $"error: import: {error}\n"), (import.ExitCode, import.StandardError));

        // A tag changes only index.json: the lock file cannot be opened for writing, which is not "held by another process".
        var tag = await cli.Runner.RunAsync(["tag", "small:1", "again:1"], TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.Equal((1, $"error: tag: {error}\n"), (tag.ExitCode, tag.StandardError));

        Assert.Contains(CliStore.Short(id), await cli.OutputAsync("ls", "-q"));

        await disk.MakeWritableAsync();
        await cli.AssertSoundAsync();
        await cli.OutputAsync("tag", "small:1", "again:1");
    }

    /// <summary>A tar of one file of random (incompressible) bytes, outside the store's file system.</summary>
    private async Task<string> RandomRootfsTarAsync(int megabytes)
    {
        var rootfs = inputs.CreateSubdirectory($"rootfs-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(Path.Combine(rootfs, "random.bin"), RandomNumberGenerator.GetBytes(megabytes * 1024 * 1024));
        var tar = inputs.Combine($"{Path.GetFileName(rootfs)}.tar");
        await ProcessRunner.OutputOfAsync(Tools.Tar.Path, "-cf", tar, "-C", rootfs, ".");
        return tar;
    }
}
