using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// The archives we write, loaded by a real Docker 20.10 daemon, and the archives it writes, loaded by us: the
/// image ID (config digest) survives both ways and what was loaded runs.
/// </summary>
[Collection(DockerDaemonCollection.Name)]
public sealed class DockerArchiveInteropTests(DockerDaemonFixture daemon) : IAsyncLifetime
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-docker-archives");
    private readonly string repository = "interop" + Guid.NewGuid().ToString("N")[..8];
    private CliRunner cli = null!;

    public async Task InitializeAsync()
    {
        cli = new CliRunner(temp.Combine("store"));
        var app = temp.CreateSubdirectory("app");
        await File.WriteAllTextAsync(Path.Combine(app, "run.sh"), "echo loaded by docker\n");
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), "bb:1")).EnsureSuccess();
        (await cli.RunAsync("build", app, "--from", "bb:1", "--entrypoint", "[\"/bin/sh\",\"/app/run.sh\"]", "-t", $"{repository}:1")).EnsureSuccess();
    }

    public Task DisposeAsync()
    {
        temp.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("oci")]
    [InlineData("docker")]
    public async Task Docker_loads_what_save_writes_with_our_image_id_and_runs_it(string format)
    {
        var archive = temp.Combine($"{format}.tar");
        (await cli.RunAsync("save", $"{repository}:1", "--format", format, "-o", archive)).EnsureSuccess();
        var tag = $"{repository}:{format}";
        (await daemon.RunDockerAsync("rmi", "-f", $"{repository}:1")).EnsureSuccess();

        var loaded = await daemon.LoadAsync(archive);

        Assert.Contains($"Loaded image: {repository}:1", loaded);
        var ourId = (await cli.RunAsync("inspect", "--format", "{{.Id}}", $"{repository}:1")).EnsureSuccess().StandardOutput.Trim();
        Assert.Equal(ourId, (await daemon.DockerOutputAsync("image", "inspect", "--format", "{{.Id}}", $"{repository}:1")).Trim());
        Assert.Equal("loaded by docker\n", await daemon.DockerOutputAsync("run", "--rm", "--network", "none", $"{repository}:1"));
        (await daemon.RunDockerAsync("tag", $"{repository}:1", tag)).EnsureSuccess();
    }

    [Fact]
    public async Task A_docker_archive_keeps_the_layers_compressed_so_it_is_no_bigger_than_the_oci_archive()
    {
        var oci = temp.Combine("size.oci.tar");
        var docker = temp.Combine("size.docker.tar");
        (await cli.RunAsync("save", $"{repository}:1", "-o", oci)).EnsureSuccess();
        (await cli.RunAsync("save", $"{repository}:1", "--format", "docker", "-o", docker)).EnsureSuccess();

        // The same blobs without the layout's manifest and index: never the uncompressed size of the layers.
        Assert.True(new FileInfo(docker).Length <= new FileInfo(oci).Length, $"docker-archive {new FileInfo(docker).Length} bytes, oci-archive {new FileInfo(oci).Length}");
    }

    [Fact]
    public async Task What_docker_saves_loads_into_the_store_with_dockers_image_id()
    {
        var archive = temp.Combine("from-docker.tar");
        (await cli.RunAsync("save", $"{repository}:1", "--format", "docker", "-o", archive)).EnsureSuccess();
        await daemon.LoadAsync(archive);
        var saved = temp.Combine("docker-save.tar");
        (await daemon.RunDockerAsync("save", "-o", saved, $"{repository}:1")).EnsureSuccess();
        var dockerId = (await daemon.DockerOutputAsync("image", "inspect", "--format", "{{.Id}}", $"{repository}:1")).Trim();
        var fresh = new CliRunner(temp.Combine("fresh"));

        (await fresh.RunAsync("load", "-i", saved)).EnsureSuccess();

        Assert.Equal(dockerId, (await fresh.RunAsync("inspect", "--format", "{{.Id}}", $"{repository}:1")).EnsureSuccess().StandardOutput.Trim());
        var layout = temp.Combine("unpacked");
        (await fresh.RunAsync("copy", $"store:{repository}:1", $"oci:{layout}:app")).EnsureSuccess();
        Assert.Equal("loaded by docker\n", (await RuncRunner.RunAsync(layout, "app")).EnsureSuccess().StandardOutput);
    }
}
