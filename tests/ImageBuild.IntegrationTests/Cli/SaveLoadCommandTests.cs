using System.Globalization;
using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// <c>dotnet image save</c> and <c>load</c> with skopeo as the oracle: skopeo reads what save writes,
/// load reads what skopeo writes, and what was loaded runs under runc.
/// </summary>
public sealed class SaveLoadCommandTests : IAsyncLifetime
{
    private const string ListFormat = "{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Digest}}\t{{.Size}}";

    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-save-load");
    private CliRunner cli = null!;

    public async Task InitializeAsync()
    {
        cli = new CliRunner(temp.Combine("store"));
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), "bb:1")).EnsureSuccess();
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), "second:2", "--change", "ENV SECOND=yes")).EnsureSuccess();
    }

    public Task DisposeAsync()
    {
        temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Skopeo_reads_an_oci_save_with_the_stored_manifest_digest()
    {
        var archive = temp.Combine("x.tar");
        (await cli.RunAsync("save", "bb:1", "-o", archive)).EnsureSuccess();

        var inspect = await InspectAsync($"oci-archive:{archive}:docker.io/library/bb:1");
        var stored = await LayoutIndex.FindAsync(cli.StoreDirectory, "docker.io/library/bb:1");
        Assert.Equal(stored.Digest.ToString(), inspect.GetProperty("Digest").GetString());
        Assert.Equal(await StoredLayersAsync("bb:1", "oci"), Layers(inspect));
    }

    [Fact]
    public async Task Skopeo_reads_a_docker_save_by_its_repo_tag_with_the_image_layers()
    {
        var archive = temp.Combine("d.tar");
        (await cli.RunAsync("save", "bb:1", "--format", "docker", "-o", archive)).EnsureSuccess();

        var inspect = await InspectAsync($"docker-archive:{archive}");
        Assert.Equal(await StoredLayersAsync("bb:1", "docker"), Layers(inspect));

        // skopeo inspect leaves RepoTags empty for archives, but finds an image by a name only through manifest.json's RepoTags.
        await InspectAsync($"docker-archive:{archive}:docker.io/library/bb:1");
        var unknown = await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", $"docker-archive:{archive}:docker.io/library/nope:1"]);
        Assert.NotEqual(0, unknown.ExitCode);
        using var manifest = JsonDocument.Parse(await ProcessRunner.OutputOfAsync(Tools.Tar.Path, "--extract", "--to-stdout", "--file", archive, "manifest.json"));
        Assert.Equal(["bb:1"], manifest.RootElement[0].GetProperty("RepoTags").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData("oci")]
    [InlineData("docker")]
    public async Task Two_images_in_one_archive_are_both_there_for_skopeo(string format)
    {
        var archive = temp.Combine("two.tar");
        (await cli.RunAsync("save", "bb:1", "second:2", "--format", format, "-o", archive)).EnsureSuccess();

        foreach (var (name, reference) in new[] { ("bb:1", "docker.io/library/bb:1"), ("second:2", "docker.io/library/second:2") })
        {
            var inspect = await InspectAsync($"{format}-archive:{archive}:{reference}");
            Assert.Equal(await StoredLayersAsync(name, format), Layers(inspect));
        }

        using var config = JsonDocument.Parse(await ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "inspect", "--config", $"{format}-archive:{archive}:docker.io/library/second:2"));
        Assert.Contains("SECOND=yes", config.RootElement.GetProperty("config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("oci")]
    [InlineData("docker")]
    public async Task Save_then_load_into_a_fresh_store_gives_the_same_images(string format)
    {
        var archive = temp.Combine("both.tar");
        (await cli.RunAsync("save", "bb:1", "second:2", "--format", format, "-o", archive)).EnsureSuccess();
        var fresh = new CliRunner(temp.Combine("fresh"));

        var load = (await fresh.RunAsync("load", "-i", archive)).EnsureSuccess();

        Assert.Equal(["Loaded image: bb:1", "Loaded image: second:2"], Lines(load.StandardOutput).Order(StringComparer.Ordinal));
        var originalRows = await ListAsync(cli);
        Assert.Equal(2, originalRows.Count);
        if (format == "oci")
        {
            Assert.Equal(originalRows, await ListAsync(fresh));
        }
        else
        {
            // A docker archive holds no manifest and uncompressed layers, so load writes a new manifest: the same
            // names and image ID (the config), another digest and size.
            Assert.Equal(originalRows.Select(NamesAndId), (await ListAsync(fresh)).Select(NamesAndId));
        }

        (await fresh.RunAsync("fsck")).EnsureSuccess();
    }

    [Theory]
    [InlineData("oci-archive:{0}:docker.io/library/other:2", "other:2", "docker.io/library/other:2")]
    [InlineData("docker-archive:{0}:other/name:3", "other/name:3", "docker.io/other/name:3")]
    public async Task Skopeo_archives_load_and_run(string destination, string loadedName, string refName)
    {
        var archive = temp.Combine("skopeo.tar");
        await SkopeoCopyAsync(string.Format(CultureInfo.InvariantCulture, destination, archive));
        var fresh = new CliRunner(temp.Combine("fresh"));

        var load = (await fresh.RunAsync("load", "-i", archive)).EnsureSuccess();

        Assert.Equal($"Loaded image: {loadedName}", load.StandardOutput.Trim());
        Assert.Equal(await ImageIdAsync(cli, "bb:1"), await ImageIdAsync(fresh, loadedName));
        var greeting = $"loaded from skopeo's {destination[..destination.IndexOf(':')]}";
        var run = (await RuncRunner.RunAsync(fresh.StoreDirectory, refName, ["/bin/echo", greeting])).EnsureSuccess();
        Assert.Equal(greeting, run.StandardOutput.Trim());
    }

    [Fact]
    public async Task Skopeo_oci_archive_named_by_a_bare_tag_loads_untagged()
    {
        var archive = temp.Combine("bare.tar");
        await SkopeoCopyAsync($"oci-archive:{archive}:2");
        var fresh = new CliRunner(temp.Combine("fresh"));

        var load = (await fresh.RunAsync("load", "-i", archive)).EnsureSuccess();

        Assert.Equal($"Loaded image ID: {await ImageIdAsync(cli, "bb:1")}", load.StandardOutput.Trim());
        Assert.Empty(Lines((await fresh.RunAsync("ls", "--filter", "dangling=false")).EnsureSuccess().StandardOutput).Skip(1));
        var all = Lines((await fresh.RunAsync("ls", "--format", "{{.Repository}}:{{.Tag}}")).EnsureSuccess().StandardOutput);
        Assert.Equal(["<none>:<none>"], all);
    }

    [Fact]
    public async Task A_gzip_compressed_archive_loads()
    {
        var archive = temp.Combine("x.tar");
        (await cli.RunAsync("save", "bb:1", "-o", archive)).EnsureSuccess();
        (await ProcessRunner.RunAsync("gzip", [archive])).EnsureSuccess();
        var fresh = new CliRunner(temp.Combine("fresh"));

        var load = (await fresh.RunAsync("load", "-i", archive + ".gz")).EnsureSuccess();

        Assert.Equal("Loaded image: bb:1", load.StandardOutput.Trim());
        Assert.Equal((await ListAsync(cli)).Where(row => row.StartsWith("bb\t", StringComparison.Ordinal)), await ListAsync(fresh));
    }

    [Fact]
    public async Task A_file_that_is_not_an_archive_fails_with_one_line_and_leaves_the_store_as_it_was()
    {
        var bogus = temp.Combine("notes.tar");
        await File.WriteAllTextAsync(bogus, string.Concat(Enumerable.Repeat("not an image archive\n", 200)));
        var indexPath = Path.Combine(cli.StoreDirectory, "index.json");
        var indexBefore = await File.ReadAllBytesAsync(indexPath);

        var result = await cli.RunAsync("load", "-i", bogus);

        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(Lines(result.StandardError));
        Assert.StartsWith("error: notes.tar is not a readable tar archive", error);
        Assert.Equal(indexBefore, await File.ReadAllBytesAsync(indexPath));
        var fsck = (await cli.RunAsync("fsck")).EnsureSuccess();
        Assert.Empty(Lines(fsck.StandardOutput));
    }

    [Theory]
    [InlineData("oci")]
    [InlineData("docker")]
    public Task Save_into_a_missing_directory_fails_and_leaves_nothing(string format) =>
        MissingOutputDirectory.AssertRefusedAsync(cli, temp, "save", "bb:1", "--format", format);

    private Task SkopeoCopyAsync(string destination) =>
        ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "copy", "--quiet", $"oci:{cli.StoreDirectory}:docker.io/library/bb:1", destination);

    private static async Task<JsonElement> InspectAsync(string image)
    {
        using var document = JsonDocument.Parse(await ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "inspect", image));
        return document.RootElement.Clone();
    }

    /// <summary>
    /// The layers skopeo should list for <paramref name="image"/> in an archive of <paramref name="format"/>: the
    /// stored (compressed) blobs for an OCI archive; for a docker archive, whose layers skopeo names by what they
    /// decompress to, the diff_ids.
    /// </summary>
    private async Task<IEnumerable<string>> StoredLayersAsync(string image, string format)
    {
        var stored = $"oci:{cli.StoreDirectory}:docker.io/library/{image}";
        if (format == "oci")
        {
            return Layers(await InspectAsync(stored));
        }

        using var config = JsonDocument.Parse(await ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "inspect", "--config", stored));
        return config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()!).ToList();
    }

    private static List<string> Layers(JsonElement inspect) => inspect.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()!).ToList();

    private static async Task<string> ImageIdAsync(CliRunner runner, string image) =>
        Lines((await runner.RunAsync("ls", image, "--no-trunc", "--format", "{{.ID}}")).EnsureSuccess().StandardOutput).Single();

    private static async Task<List<string>> ListAsync(CliRunner runner) =>
        Lines((await runner.RunAsync("ls", "--no-trunc", "--digests", "--format", ListFormat)).EnsureSuccess().StandardOutput).Order(StringComparer.Ordinal).ToList();

    private static string NamesAndId(string row) => string.Join('\t', row.Split('\t').Take(3));

    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
