using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// The store shared by several <c>dotnet image</c> processes at once (separate processes, not threads, so
/// only the file lock and atomic renames keep them apart), and the store after a process is killed mid-write.
/// </summary>
public sealed class ConcurrentStoreTests : IDisposable
{
    private const int Taggers = 8;
    private const int TagsPerTagger = 3;
    private const int Importers = 2;

    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-concurrent");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Processes_tagging_and_importing_at_once_lose_nothing()
    {
        var cli = new CliRunner(temp.Combine("store"));
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), "bb:1")).EnsureSuccess();
        var sources = Enumerable.Range(0, Importers).Select(CreateSmallRootfs).ToList();

        // ProcessRunner starts each process before its first await, so all of them are running before any is awaited.
        var runs = Enumerable.Range(0, Taggers)
            .Select(t => cli.RunAsync(["tag", "bb:1", .. Enumerable.Range(0, TagsPerTagger).Select(n => $"bb:t{t}-{n}")], null, CancellationToken.None))
            .Concat(sources.Select((source, i) => cli.RunAsync(["import", source, $"imp{i}:1"], null, CancellationToken.None)))
            .ToList();
        foreach (var result in await Task.WhenAll(runs))
        {
            result.EnsureSuccess();
        }

        var expectedTags = Enumerable.Range(0, Taggers).SelectMany(t => Enumerable.Range(0, TagsPerTagger).Select(n => $"bb:t{t}-{n}"))
            .Concat(Enumerable.Range(0, Importers).Select(i => $"imp{i}:1"))
            .Append("bb:1")
            .Order(StringComparer.Ordinal)
            .ToList();
        var listed = (await cli.RunAsync("ls", "--format", "{{.Repository}}:{{.Tag}}")).EnsureSuccess().StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Order(StringComparer.Ordinal);
        Assert.Equal(expectedTags, listed);

        using (var index = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(cli.StoreDirectory, "index.json"))))
        {
            var refNames = index.RootElement.GetProperty("manifests").EnumerateArray()
                .Select(m => m.GetProperty("annotations").GetProperty("org.opencontainers.image.ref.name").GetString());
            Assert.Equal(expectedTags.Select(t => $"docker.io/library/{t}"), refNames.Order(StringComparer.Ordinal));
        }

        await AssertCleanAsync(cli);
        var digest = (await LayoutIndex.FindAsync(cli.StoreDirectory, "docker.io/library/bb:1")).Digest.ToString();
        foreach (var tag in expectedTags.Where(t => t.StartsWith("bb:", StringComparison.Ordinal)))
        {
            using var inspect = JsonDocument.Parse(await ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "inspect", $"oci:{cli.StoreDirectory}:docker.io/library/{tag}"));
            Assert.Equal(digest, inspect.RootElement.GetProperty("Digest").GetString());
        }

        foreach (var i in Enumerable.Range(0, Importers))
        {
            await ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "inspect", $"oci:{cli.StoreDirectory}:docker.io/library/imp{i}:1");
        }
    }

    [Fact]
    public async Task A_process_killed_mid_import_leaves_a_valid_store_and_only_temp_files()
    {
        var cli = new CliRunner(temp.Combine("store"));
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), "bb:1")).EnsureSuccess();
        var indexBefore = await File.ReadAllBytesAsync(Path.Combine(cli.StoreDirectory, "index.json"));
        var big = CreateBigRootfs();
        var ingest = Path.Combine(cli.StoreDirectory, "ingest");

        await KillWhenLayerIsBeingWrittenAsync(cli, big, ingest);

        var leftovers = Directory.EnumerateFiles(ingest).ToList();
        Assert.NotEmpty(leftovers);
        Assert.Equal(indexBefore, await File.ReadAllBytesAsync(Path.Combine(cli.StoreDirectory, "index.json")));
        var fsck = (await cli.RunAsync("fsck")).EnsureSuccess();
        Assert.DoesNotContain("error:", fsck.StandardOutput);
        var listed = (await cli.RunAsync("ls", "--format", "{{.Repository}}:{{.Tag}}")).EnsureSuccess();
        Assert.Equal("bb:1", listed.StandardOutput.Trim());

        (await cli.RunAsync("import", CreateSmallRootfs(0), "after:1")).EnsureSuccess();
        await ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "inspect", $"oci:{cli.StoreDirectory}:docker.io/library/after:1");

        // Temp files younger than the store's stale age may belong to a live writer; age them past it, as time would.
        foreach (var file in leftovers.Where(File.Exists))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-2));
        }

        var warned = (await cli.RunAsync("fsck")).EnsureSuccess();
        Assert.Contains("warning: temp file", warned.StandardOutput);
        var repair = (await cli.RunAsync("fsck", "--repair")).EnsureSuccess();
        Assert.Contains("removed temp file", repair.StandardOutput);
        Assert.Empty(Directory.EnumerateFiles(cli.StoreDirectory, "*.tmp", SearchOption.AllDirectories));
        await AssertCleanAsync(cli);
    }

    /// <summary>Starts an import and kills it (SIGKILL, no cleanup) once its layer temp file is growing in ingest/.</summary>
    private static async Task KillWhenLayerIsBeingWrittenAsync(CliRunner cli, string source, string ingest)
    {
        using var kill = new CancellationTokenSource();
        var import = cli.RunAsync(["import", source, "big:1"], null, kill.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!kill.IsCancellationRequested)
        {
            Assert.False(import.IsCompleted, $"the import ended before it could be killed:\n{(import.IsCompletedSuccessfully ? import.Result.Describe() : import.Exception)}");
            Assert.True(DateTime.UtcNow < deadline, "the import wrote no layer temp file within 60 s");
            if (Directory.Exists(ingest) && new DirectoryInfo(ingest).EnumerateFiles().Any(f => f.Length > 1 << 20))
            {
                await kill.CancelAsync();
            }
            else
            {
                await Task.Delay(20);
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => import);
    }

    private static async Task AssertCleanAsync(CliRunner cli)
    {
        var fsck = (await cli.RunAsync("fsck")).EnsureSuccess();
        Assert.True(fsck.StandardOutput.Trim().Length == 0, $"fsck found problems:\n{fsck.Describe()}");
    }

    private string CreateSmallRootfs(int number)
    {
        var root = temp.CreateSubdirectory($"rootfs-{number}");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(root, "etc")).FullName, "id"), $"rootfs {number}\n");
        return root;
    }

    /// <summary>200 MB of incompressible files: compressing them takes seconds, long enough to be killed midway.</summary>
    private string CreateBigRootfs()
    {
        var root = temp.CreateSubdirectory("big");
        var random = new Random(20240601);
        var buffer = new byte[2 << 20];
        for (var i = 0; i < 100; i++)
        {
            random.NextBytes(buffer);
            File.WriteAllBytes(Path.Combine(root, $"blob-{i:D3}.bin"), buffer);
        }

        return root;
    }
}
