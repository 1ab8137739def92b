using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Transfers;

/// <summary><c>copy</c> through archives and the store: skopeo reads what we write and writes what we read.</summary>
public sealed class ArchiveCopyTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-archive-copy");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Registry_to_oci_archive_and_back_keeps_the_digest()
    {
        var layout = temp.Combine("umoci");
        var image = await BusyboxImage.CreateLayoutAsync(layout, "1");
        await SkopeoAsync("copy", "--dest-tls-verify=false", $"oci:{layout}:1", $"docker://{registry.Host}/archived:1");
        var cli = new CliRunner(temp.Combine("store"));
        var archive = temp.Combine("image.tar");

        (await cli.RunAsync("copy", $"{registry.Host}/archived:1", $"oci-archive:{archive}:v1")).EnsureSuccess();
        var extracted = temp.Combine("extracted");
        await SkopeoAsync("copy", $"oci-archive:{archive}:v1", $"oci:{extracted}:v1");
        Assert.Equal(image.Digest, (await LayoutIndex.FindAsync(extracted, "v1")).Digest);

        var back = (await cli.RunAsync("copy", $"oci-archive:{archive}:v1", $"{registry.Host}/archived:back")).EnsureSuccess();
        Assert.Equal(image.Digest.ToString(), back.StandardOutput.Trim());
    }

    [Fact]
    public async Task Store_image_copies_to_a_docker_archive_that_skopeo_reads()
    {
        var cli = new CliRunner(temp.Combine("store"));
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), "app:1", "--change", "CMD [\"/bin/echo\",\"archived\"]")).EnsureSuccess();
        var archive = temp.Combine("docker.tar");

        (await cli.RunAsync("copy", "store:app:1", $"docker-archive:{archive}:app:1")).EnsureSuccess();

        var inspect = await SkopeoAsync("inspect", "--config", $"docker-archive:{archive}");
        using var config = JsonDocument.Parse(inspect.StandardOutput);
        Assert.Equal("archived", config.RootElement.GetProperty("config").GetProperty("Cmd")[1].GetString());
        var layout = temp.Combine("from-docker");
        (await cli.RunAsync("copy", $"docker-archive:{archive}", $"oci:{layout}:app")).EnsureSuccess();
        Assert.Equal("archived", (await RuncRunner.RunAsync(layout, "app")).EnsureSuccess().StandardOutput.Trim());
    }

    private static async Task<ProcessResult> SkopeoAsync(params string[] arguments) =>
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, arguments)).EnsureSuccess();
}
