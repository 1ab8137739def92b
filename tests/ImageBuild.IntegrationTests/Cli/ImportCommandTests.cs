using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// <c>dotnet image import</c> end to end: the tool runs as a process, and skopeo, umoci and runc judge
/// what it stored.
/// </summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-import");

    [Fact]
    public async Task Imported_busybox_directory_is_read_by_skopeo_and_runs_under_runc()
    {
        var rootfs = await BusyboxRootfs.GetAsync();
        var cli = new CliRunner(temp.Combine("store"));

        var import = (await cli.RunAsync("import", rootfs, "bb:1.0", "--change", "CMD [\"/bin/echo\", \"hello from an imported image\"]", "--change", "ENV GREETING=hi")).EnsureSuccess();
        var imageId = import.StandardOutput.Trim();
        Assert.Matches("^sha256:[0-9a-f]{64}$", imageId);

        var inspect = (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", "--config", $"oci:{cli.StoreDirectory}:docker.io/library/bb:1.0"])).EnsureSuccess();
        using var config = JsonDocument.Parse(inspect.StandardOutput);
        Assert.Equal("amd64", config.RootElement.GetProperty("architecture").GetString());
        Assert.Equal("GREETING=hi", config.RootElement.GetProperty("config").GetProperty("Env")[0].GetString());
        Assert.Single(config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray());

        var run = (await RuncRunner.RunAsync(cli.StoreDirectory, "docker.io/library/bb:1.0")).EnsureSuccess();
        Assert.Equal("hello from an imported image", run.StandardOutput.Trim());
    }

    [Theory]
    [InlineData("gzip", ".tar.gz")]
    [InlineData("xz", ".tar.xz")]
    [InlineData("zstd", ".tar.zst")]
    [InlineData("bzip2", ".tar.bz2")]
    [InlineData(null, ".tar")]
    public async Task Every_tarball_compression_imports_to_the_same_layer(string? compressor, string extension)
    {
        var tarball = temp.Combine("rootfs.tar");
        await BusyboxRootfs.CreateTarballAsync(tarball);
        var source = tarball;
        if (compressor is not null)
        {
            (await ProcessRunner.RunAsync(compressor, ["-k", "-f", tarball])).EnsureSuccess();
            source = tarball + extension[4..];
        }

        var cli = new CliRunner(temp.Combine("store"));
        (await cli.RunAsync("import", tarball, "plain:1")).EnsureSuccess();
        (await cli.RunAsync("import", source, "compressed:1", "--change", "ENTRYPOINT [\"/bin/echo\", \"from the tarball\"]")).EnsureSuccess();

        var plain = await DiffIdsAsync(cli.StoreDirectory, "docker.io/library/plain:1");
        var compressed = await DiffIdsAsync(cli.StoreDirectory, "docker.io/library/compressed:1");
        Assert.Equal(plain, compressed);

        var run = (await RuncRunner.RunAsync(cli.StoreDirectory, "docker.io/library/compressed:1")).EnsureSuccess();
        Assert.Equal("from the tarball", run.StandardOutput.Trim());
    }

    [Fact]
    public async Task The_same_rootfs_imports_to_the_same_digest()
    {
        var rootfs = await BusyboxRootfs.GetAsync();
        var first = await new CliRunner(temp.Combine("a")).RunAsync("import", rootfs, "same:1");
        var second = await new CliRunner(temp.Combine("b")).RunAsync("import", rootfs, "same:1");
        Assert.Equal(first.EnsureSuccess().StandardOutput, second.EnsureSuccess().StandardOutput);
    }

    [Fact]
    public async Task A_file_that_is_not_a_tar_fails_with_one_line_and_stores_nothing()
    {
        var bogus = temp.Combine("notes.txt");
        await File.WriteAllTextAsync(bogus, string.Concat(Enumerable.Repeat("not a tar archive\n", 100)));
        var cli = new CliRunner(temp.Combine("store"));

        var result = await cli.RunAsync("import", bogus, "bogus:1");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {bogus} is not a tar archive; pass a tar, .tar.gz, .tar.xz, .tar.zst or .tar.bz2 file or a directory", result.StandardError.Trim());
        var blobs = Path.Combine(cli.StoreDirectory, "blobs", "sha256");
        Assert.True(!Directory.Exists(blobs) || !Directory.EnumerateFiles(blobs).Any(), "a failed import left blobs behind");
        var ingest = Path.Combine(cli.StoreDirectory, "ingest");
        Assert.True(!Directory.Exists(ingest) || !Directory.EnumerateFileSystemEntries(ingest).Any(), "a failed import left temp files behind");
        Assert.DoesNotContain("bogus", await File.ReadAllTextAsync(Path.Combine(cli.StoreDirectory, "index.json")));
    }

    [Theory]
    [InlineData("EXPOSE 99999", "is not a port")]
    [InlineData("RUN make", "RUN is not supported")]
    public async Task A_bad_change_is_a_usage_error(string change, string expected)
    {
        var rootfs = await BusyboxRootfs.GetAsync();
        var result = await new CliRunner(temp.Combine("store")).RunAsync("import", rootfs, "x:1", "--change", change);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StandardError);
        Assert.Single(result.StandardError.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_missing_source_fails_clearly()
    {
        var result = await new CliRunner(temp.Combine("store")).RunAsync("import", temp.Combine("nope"), "x:1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    private static async Task<string> DiffIdsAsync(string store, string reference)
    {
        var inspect = (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", "--config", $"oci:{store}:{reference}"])).EnsureSuccess();
        using var config = JsonDocument.Parse(inspect.StandardOutput);
        return config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").GetRawText();
    }

    public void Dispose() => temp.Dispose();
}
