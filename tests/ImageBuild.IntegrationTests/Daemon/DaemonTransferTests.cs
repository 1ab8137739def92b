using System.Text.Json.Nodes;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Daemon;

/// <summary>
/// docker-daemon: against the real Docker 20.10 daemon of the test fixture (Engine API 1.41): images built here arrive
/// with our image ID, every tag and their config, and run; daemon images come back with docker's image ID and serve as
/// bases; an unchanged image is not sent again; a multi-platform build loads the daemon's platform.
/// </summary>
[Collection(DockerDaemonCollection.Name)]
public sealed class DaemonTransferTests(DockerDaemonFixture daemon) : IAsyncLifetime
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-daemon");
    private readonly string repository = "daemon" + Guid.NewGuid().ToString("N")[..8];
    private CliRunner cli = null!;

    public async Task InitializeAsync()
    {
        cli = new CliRunner(temp.Combine("store"), daemon.Environment);
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), "bb:1")).EnsureSuccess();
        var app = temp.CreateSubdirectory("app");
        await File.WriteAllTextAsync(Path.Combine(app, "run.sh"), "echo \"hello $GREETING from $(pwd)\"\n");
    }

    public Task DisposeAsync()
    {
        temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Build_load_puts_every_tag_into_docker_with_our_image_id_and_config_and_it_runs()
    {
        var result = await cli.RunAsync(
            "build", temp.Combine("app"), "--from", "bb:1", "--workdir", "/app", "--entrypoint", "[\"/bin/sh\",\"/app/run.sh\"]",
            "--env", "GREETING=daemon", "--label", "org.example.kind=test", "--port", "8080", "--user", "0:0",
            "-t", $"{repository}:1", "-t", $"{repository}:latest", "--load");
        result.EnsureSuccess();

        var ours = JsonNode.Parse((await cli.RunAsync("inspect", $"{repository}:1")).EnsureSuccess().StandardOutput)![0]!;
        var theirs = JsonNode.Parse(await daemon.DockerOutputAsync("image", "inspect", $"{repository}:1"))![0]!;
        Assert.Equal((string?)ours["Id"], (string?)theirs["Id"]);
        Assert.Equal([$"{repository}:1", $"{repository}:latest"], theirs["RepoTags"]!.AsArray().Select(t => (string?)t).Order());
        foreach (var field in new[] { "Env", "Entrypoint", "User", "ExposedPorts", "WorkingDir", "Labels", "Cmd" })
        {
            Assert.Equal(ours["Config"]![field]?.ToJsonString(), theirs["Config"]![field]?.ToJsonString());
        }

        Assert.Equal("hello daemon from /app\n", await daemon.DockerOutputAsync("run", "--rm", "--network", "none", $"{repository}:latest"));
    }

    [Fact]
    public async Task A_second_load_of_an_unchanged_image_loads_nothing_and_only_adds_the_new_tag()
    {
        // A label of its own, so no other test of the class has loaded this very image (same ID) already.
        (await cli.RunAsync("build", temp.Combine("app"), "--from", "bb:1", "--label", "test=" + repository, "-t", $"{repository}:a")).EnsureSuccess();
        // Events of this image only, from this moment (docker takes fractional seconds): an earlier test's load of
        // another image in the same second must not count.
        var imageId = (await cli.RunAsync("inspect", "--format", "{{.Id}}", $"{repository}:a")).EnsureSuccess().StandardOutput.Trim();
        var since = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
        (await cli.RunAsync("copy", $"store:{repository}:a", $"docker-daemon:{repository}:a")).EnsureSuccess();
        (await cli.RunAsync("copy", $"store:{repository}:a", $"docker-daemon:{repository}:b")).EnsureSuccess();

        var until = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds();
        var events = await daemon.DockerOutputAsync(
            "events", "--since", since, "--until", until.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--filter", "type=image", "--filter", "image=" + imageId, "--format", "{{.Action}}");
        Assert.Equal(1, events.Split('\n').Count(e => e == "load"));
        Assert.Equal(2, events.Split('\n').Count(e => e == "tag"));
        var id = (await daemon.DockerOutputAsync("image", "inspect", "--format", "{{.Id}}", $"{repository}:a")).Trim();
        Assert.Equal(id, (await daemon.DockerOutputAsync("image", "inspect", "--format", "{{.Id}}", $"{repository}:b")).Trim());
    }

    [Fact]
    public async Task Copy_from_store_to_daemon_and_back_keeps_the_image_id()
    {
        (await cli.RunAsync("build", temp.Combine("app"), "--from", "bb:1", "-t", $"{repository}:round")).EnsureSuccess();
        var id = (await cli.RunAsync("inspect", "--format", "{{.Id}}", $"{repository}:round")).EnsureSuccess().StandardOutput.Trim();
        (await cli.RunAsync("copy", $"store:{repository}:round", $"docker-daemon:{repository}:round")).EnsureSuccess();
        var fresh = new CliRunner(temp.Combine("fresh"), daemon.Environment);

        (await fresh.RunAsync("copy", $"docker-daemon:{repository}:round", $"store:{repository}:back")).EnsureSuccess();

        Assert.Equal(id, (await fresh.RunAsync("inspect", "--format", "{{.Id}}", $"{repository}:back")).EnsureSuccess().StandardOutput.Trim());
        var layout = temp.Combine("layout");
        (await fresh.RunAsync("copy", $"store:{repository}:back", $"oci:{layout}:app")).EnsureSuccess();
        Assert.Equal("hello  from /\n", (await RuncRunner.RunAsync(layout, "app", ["/bin/sh", "/app/run.sh"])).EnsureSuccess().StandardOutput);
    }

    [Fact]
    public async Task An_image_docker_built_is_a_base_for_dotnet_image_build_and_the_result_runs_in_docker()
    {
        (await cli.RunAsync("copy", "store:bb:1", $"docker-daemon:{repository}-base:1")).EnsureSuccess();
        var context = temp.CreateSubdirectory("context");
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), $"FROM {repository}-base:1\nRUN echo made by docker build > /from-docker.txt\n");
        (await daemon.RunDockerAsync("build", "-q", "-t", $"{repository}-docker:1", context)).EnsureSuccess();
        var app = temp.CreateSubdirectory("app2");
        await File.WriteAllTextAsync(Path.Combine(app, "show.sh"), "cat /from-docker.txt\n");

        (await cli.RunAsync(
            "build", app, "--from", $"docker-daemon:{repository}-docker:1", "--entrypoint", "[\"/bin/sh\",\"/app/show.sh\"]",
            "-t", $"{repository}-ours:1", "--output", "docker-daemon:")).EnsureSuccess();

        Assert.Equal("made by docker build\n", await daemon.DockerOutputAsync("run", "--rm", "--network", "none", $"{repository}-ours:1"));
    }

    [Fact]
    public async Task A_multi_platform_build_loads_the_image_of_the_daemons_platform()
    {
        var result = (await cli.RunAsync(
            "build", temp.Combine("app"), "--platform", "linux/arm64,linux/amd64", "-t", $"{repository}:multi", "--load", "--json")).EnsureSuccess();
        var images = JsonNode.Parse(result.StandardOutput)!["images"]!.AsArray();
        var amd64 = images.Single(i => (string?)i!["platform"]!["architecture"] == "amd64")!;

        var theirs = JsonNode.Parse(await daemon.DockerOutputAsync("image", "inspect", $"{repository}:multi"))![0]!;
        Assert.Equal("amd64", (string?)theirs["Architecture"]);
        Assert.Equal((string?)amd64["configDigest"], (string?)theirs["Id"]);
    }

    [Fact]
    public async Task A_daemon_that_does_not_answer_or_lacks_the_image_is_one_line_and_exit_1()
    {
        var missing = temp.Combine("no-daemon.sock");
        var down = new CliRunner(temp.Combine("store"), new Dictionary<string, string?>(daemon.Environment) { ["DOCKER_HOST"] = "unix://" + missing });

        var unreachable = await down.RunAsync("copy", "store:bb:1", "docker-daemon:bb:1");
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Equal(
            $"error: cannot reach the Docker daemon at unix://{missing} (DOCKER_HOST): the socket does not exist; start it (sudo systemctl start docker), or point DOCKER_HOST or DOCKER_CONTEXT at a running daemon\n",
            unreachable.StandardError);

        var absent = await cli.RunAsync("build", temp.Combine("app"), "--from", $"docker-daemon:{repository}-absent:1");
        Assert.Equal(1, absent.ExitCode);
        Assert.Equal(
            $"error: no image {repository}-absent:1 in the Docker daemon at {daemon.Host}: check the name with 'docker image ls', or pull or build it there first\n",
            absent.StandardError);
    }
}
