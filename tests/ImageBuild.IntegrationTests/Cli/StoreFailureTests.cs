using System.Security.Cryptography;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.IntegrationTests.Registry;
using ImageBuild.Registry;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// The store on a file system that fills up or turns read-only: each failure is one line naming the store and
/// the fix (exit 1, no stack trace), nothing is left behind, and the store is sound once space or write access returns;
/// a store deleted while a pull runs is not half re-created.
/// </summary>
public sealed class StoreFailureTests(RegistryFixture registry) : IDisposable, IClassFixture<RegistryFixture>
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

        var error = $"read-only file system: cannot write the store at {cli.Root}; give a writable store (--store DIR, or ContainerImageStore in MSBuild)";
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

    [Fact]
    public async Task A_store_the_user_may_not_write_is_one_line_naming_the_file_and_still_lists()
    {
        var id = await cli.ImportSmallAsync("small:1", CliStore.DaysAgo(3));

        // The store belongs to root (mode 755); the tool runs as nobody.
        var tag = await AsNobodyAsync("tag", "small:1", "again:1");
        var list = await AsNobodyAsync("ls", "-q");

        Assert.Equal(
            (1, $"error: tag: permission denied on {cli.Root}/index.json.lock in the store at {cli.Root}; check the owner and mode of that path or give another store (--store DIR, or ContainerImageStore in MSBuild)\n"),
            (tag.ExitCode, tag.StandardError));
        Assert.Equal((0, CliStore.Short(id) + "\n"), (list.ExitCode, list.StandardOutput));
        await cli.AssertSoundAsync();
    }

    [Fact]
    public async Task A_store_deleted_while_a_pull_runs_is_one_line_and_the_next_command_starts_a_new_store()
    {
        using (var transport = new RegistryTransport())
        {
            await TestImage.Create(layers: 2).PushAsync(transport.CreateClient(registry.Host), "vanish/app", "1");
        }

        await cli.ImportSmallAsync("kept:1", CliStore.DaysAgo(1));
        await using var proxy = new FaultInjectingProxy(registry.Host, seed: 1, faultRate: 0);
        var held = proxy.HoldNextBlobDownloadAsync();
        using var pull = cli.Runner.Start("pull", $"{proxy.Host}/vanish/app:1");
        await held.WaitAsync(TimeSpan.FromMinutes(1));

        await DeleteWhileInUseAsync(cli.Root);
        proxy.ReleaseHeldBlob();
        var error = await pull.StandardError.ReadToEndAsync();
        await pull.WaitForExitAsync();

        Assert.Equal(1, pull.ExitCode);
        // The deletion is noticed where the pull happens to be (creating a directory, or opening a file), and a file
        // operation's failure carries the command's name; the sentence is the same either way.
        var line = Assert.Single(error.Split('\n'), line => line.StartsWith("error", StringComparison.Ordinal));
        Assert.Matches("^error: (pull: )?the image store or layout at .* was deleted while this command was using it; nothing more was written there; run the command again to start anew$", line);
        Assert.Contains(cli.Root, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.Root), "the pull re-created part of the deleted store");
        Assert.Empty(await cli.OutputAsync("ls", "-q"));
        await cli.AssertSoundAsync();
        (await cli.RunAsync("pull", $"{proxy.Host}/vanish/app:1")).EnsureSuccess();
        Assert.Single((await cli.OutputAsync("ls", "-q")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await cli.AssertSoundAsync();
    }

    private Task<ProcessResult> AsNobodyAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(
            "setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", ToolNobodyMayRun(), "--store", cli.Root, .. arguments],
            environment: new Dictionary<string, string?> { ["HOME"] = inputs.Path, ["DOTNET_CLI_HOME"] = inputs.Path });

    /// <summary>The installed tool (a native executable) copied out of root's home, which nobody may not enter.</summary>
    private string ToolNobodyMayRun()
    {
        const UnixFileMode everyoneRuns = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        var copy = inputs.Combine("dotnet-image");
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("setpriv and nobody: this test runs on Linux");
        }

        if (!File.Exists(copy))
        {
            File.Copy(CliRunner.ToolPath, copy);
            File.SetUnixFileMode(copy, everyoneRuns);
            File.SetUnixFileMode(inputs.Path, everyoneRuns);
        }

        return copy;
    }

    /// <summary>rm -rf of a directory another process is writing in: a file it creates meanwhile makes one pass fail.</summary>
    private static async Task DeleteWhileInUseAsync(string directory)
    {
        for (var pass = 1; Directory.Exists(directory); pass++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException) when (pass < 20)
            {
                await Task.Delay(50);
            }
        }
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
