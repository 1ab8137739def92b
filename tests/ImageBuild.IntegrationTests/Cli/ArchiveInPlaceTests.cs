using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// Archives are read where they are: copying out of a plain archive writes nothing anywhere but the destination,
/// and a compressed one is decompressed once into the store's own scratch space, never the system temp, and
/// removed after.
/// </summary>
public sealed class ArchiveInPlaceTests : IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-archive-in-place");

    [Theory]
    [InlineData("oci-archive", false)]
    [InlineData("docker-archive", false)]
    [InlineData("oci-archive", true)]
    [InlineData("docker-archive", true)]
    public async Task Copy_from_an_archive_leaves_no_scratch_file_and_uses_no_system_temp(string transport, bool gzip)
    {
        // TMPDIR names a file, so any use of the system temp folder fails the command.
        var systemTemp = temp.Combine("not-a-directory");
        await File.WriteAllTextAsync(systemTemp, "untouched");
        var cli = new CliRunner(temp.Combine("store"), new Dictionary<string, string?> { ["TMPDIR"] = systemTemp });
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), "bb:1")).EnsureSuccess();
        var archive = temp.Combine("image.tar");
        (await cli.RunAsync("save", "bb:1", "--format", transport == "oci-archive" ? "oci" : "docker", "-o", archive)).EnsureSuccess();
        if (gzip)
        {
            (await ProcessRunner.RunAsync("gzip", [archive])).EnsureSuccess();
            archive += ".gz";
        }

        var layout = temp.Combine("layout");
        (await cli.RunAsync("copy", $"{transport}:{archive}", $"oci:{layout}:copied")).EnsureSuccess();

        Assert.Equal("untouched", await File.ReadAllTextAsync(systemTemp));
        var ingest = Path.Combine(cli.StoreDirectory, "ingest");
        Assert.True(!Directory.Exists(ingest) || !Directory.EnumerateFileSystemEntries(ingest).Any(), "the store's scratch space is empty");
        (await RuncRunner.RunAsync(layout, "copied", ["/bin/echo", "ran"])).EnsureSuccess();
    }

    public void Dispose() => temp.Dispose();
}
