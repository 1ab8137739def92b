using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>
/// What a PublishContainer user does next, <c>docker run</c>, works after <c>-t:PublishImage</c> with nothing set but the
/// base: the image goes into the store and into the daemon that answers (here the test daemon, through DOCKER_HOST), and
/// the output line says so. LocalRegistry=Podman loads into podman (its command, on a private storage); a daemon chosen
/// explicitly that does not answer is IMG0008 naming the socket; an unreachable base names the base and the fix.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class DaemonPublishTests(TasksPackageFixture fixture, DockerDaemonFixture daemon) : IAsyncLifetime
{
    private RegistryFixture registry = null!;
    private string runtimeBase = null!;

    public async Task InitializeAsync()
    {
        registry = await RegistryFixture.StartAsync();
        runtimeBase = $"{registry.Host}/dotnet/runtime:10.0";
        using var seed = TempDirectory.Create("imagebuild-seed");
        (await new CliRunner(seed.Combine("store")).RunAsync("copy", fixture.Runtime.BaseLocation, runtimeBase)).EnsureSuccess();
    }

    public async Task DisposeAsync() => await registry.DisposeAsync();

    [Fact]
    public async Task A_console_app_with_only_a_base_set_runs_in_docker_and_the_output_line_says_where_it_went()
    {
        using var project = PublishedProject.Create(fixture, "hello", ConsoleProject, new Dictionary<string, string>
        {
            ["hello/Program.cs"] = "Console.WriteLine(\"hello from docker: \" + Newtonsoft.Json.JsonConvert.SerializeObject(new[] { 1, 2 }));\n",
        });

        var result = (await project.PublishAsync(daemon.Environment, $"ContainerBaseImage={runtimeBase}")).EnsureSuccess();

        Assert.Contains($"PublishImage: also loading docker.io/library/hello:latest into Docker Engine", result.StandardOutput);
        var digest = File.ReadAllText(project.DigestFile).Trim();
        Assert.Contains($"hello -> hello:latest@{digest} in store {project.Store}, Docker at {daemon.Host}", result.StandardOutput);
        Assert.Equal("hello from docker: [1,2]\n", await daemon.DockerOutputAsync("run", "--rm", "--network", "none", "hello:latest"));
        var id = (await new CliRunner(project.Store).RunAsync("inspect", "--format", "{{.Id}}", "hello:latest")).EnsureSuccess().StandardOutput.Trim();
        Assert.Equal(id, (await daemon.DockerOutputAsync("image", "inspect", "--format", "{{.Id}}", "hello:latest")).Trim());
    }

    [Fact]
    public async Task A_web_app_with_only_a_base_set_answers_inside_docker()
    {
        var aspnetStore = await DotnetAspNetImage.GetStoreAsync(fixture.Runtime, CancellationToken.None);
        var aspnetBase = $"{registry.Host}/dotnet/aspnet:10.0";
        using var seed = TempDirectory.Create("imagebuild-seed");
        (await new CliRunner(seed.Combine("store")).RunAsync("copy", $"oci:{aspnetStore}:{DotnetAspNetImage.BaseRefName}", aspnetBase)).EnsureSuccess();
        using var project = PublishedProject.Create(fixture, "webapi", WebProject, new Dictionary<string, string> { ["webapi/Program.cs"] = SampleWebProgram.SelfRequesting });

        (await project.PublishAsync(daemon.Environment, $"ContainerBaseImage={aspnetBase}")).EnsureSuccess();

        var run = await daemon.DockerOutputAsync("run", "--rm", "--network", "none", "webapi:latest", "--once");
        Assert.Contains("Now listening on: http://[::]:" + DotnetAspNetImage.HttpPort, run);
        Assert.Contains($"answered on {DotnetAspNetImage.HttpPort}: hello from kestrel", run);
    }

    [Fact]
    public async Task LocalRegistry_podman_loads_into_podman()
    {
        using var podman = TempDirectory.Create("imagebuild-podman");
        var storage = podman.Combine("storage.conf");
        File.WriteAllText(storage, $"[storage]\ndriver = \"vfs\"\ngraphroot = \"{podman.Combine("root")}\"\nrunroot = \"{podman.Combine("run")}\"\n");
        // No API socket (a private runtime dir holds none), so the podman command loads it, on private storage.
        var environment = new Dictionary<string, string?>
        {
            ["CONTAINERS_STORAGE_CONF"] = storage,
            ["XDG_RUNTIME_DIR"] = podman.CreateSubdirectory("xdg"),
            ["CONTAINER_HOST"] = null,
            ["DOCKER_HOST"] = null,
        };
        using var project = PublishedProject.Create(fixture, "podapp", ConsoleProject, new Dictionary<string, string> { ["podapp/Program.cs"] = "Console.WriteLine(\"pod\");\n" });

        (await project.PublishAsync(environment, $"ContainerBaseImage={runtimeBase}", "LocalRegistry=Podman")).EnsureSuccess();

        var inspect = await ProcessRunner.RunAsync("podman", ["image", "inspect", "--format", "{{.Id}} {{.Config.Entrypoint}}", "docker.io/library/podapp:latest"], environment: environment);
        // LocalRegistry puts the image in the daemon only, as the SDK does; its blobs are still in the store.
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(project.Store, "blobs", "sha256", File.ReadAllText(project.DigestFile).Trim()["sha256:".Length..])))!;
        var id = (string)manifest["config"]!["digest"]!;
        inspect.EnsureSuccess();
        Assert.Equal($"{id["sha256:".Length..]} [dotnet /app/podapp.dll]\n", inspect.StandardOutput);
    }

    [Fact]
    public async Task With_no_output_chosen_and_no_daemon_the_output_line_says_how_to_load_it_later()
    {
        using var project = PublishedProject.Create(fixture, "storeonly", ConsoleProject, new Dictionary<string, string> { ["storeonly/Program.cs"] = "Console.WriteLine(1);\n" });
        var socket = Path.Combine(project.Root, "absent.sock");

        var result = (await project.PublishAsync(new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix://" + socket }, $"ContainerBaseImage={runtimeBase}")).EnsureSuccess();

        var digest = File.ReadAllText(project.DigestFile).Trim();
        Assert.Contains(
            $"storeonly -> storeonly:latest@{digest} in store {project.Store}, no Docker daemon answered (load it later with 'dotnet image copy store:storeonly:latest docker-daemon:')",
            result.StandardOutput);
        (await new CliRunner(project.Store).RunAsync("inspect", "storeonly:latest")).EnsureSuccess();
    }

    [Fact]
    public async Task An_explicit_daemon_that_does_not_answer_is_IMG0008_naming_the_socket()
    {
        using var project = PublishedProject.Create(fixture, "nodaemon", ConsoleProject, new Dictionary<string, string> { ["nodaemon/Program.cs"] = "Console.WriteLine(1);\n" });
        var socket = Path.Combine(project.Root, "absent.sock");

        var result = await project.PublishAsync(new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix://" + socket }, $"ContainerBaseImage={runtimeBase}", "ContainerImageOutput=docker");

        var error = Assert.Single(PublishedProject.Errors(result));
        Assert.StartsWith("IMG0008: ", error);
        Assert.Contains($"cannot reach the Docker daemon at unix://{socket} (DOCKER_HOST): the socket does not exist", error);
    }

    [Fact]
    public async Task An_unreachable_inferred_base_and_an_unreachable_ContainerRegistry_say_different_things()
    {
        using var project = PublishedProject.Create(fixture, "offline", ConsoleProject, new Dictionary<string, string> { ["offline/Program.cs"] = "Console.WriteLine(1);\n" });

        var noBase = await project.PublishAsync("ContainerBaseRegistry=127.0.0.1:9");
        var deadTarget = await project.PublishAsync($"ContainerBaseImage={runtimeBase}", "ContainerRegistry=127.0.0.1:9");

        var baseError = Assert.Single(PublishedProject.Errors(noBase));
        Assert.StartsWith("IMG0005: cannot read the base image 127.0.0.1:9/dotnet/runtime:10.0, inferred from the project: cannot reach registry 127.0.0.1:9", baseError);
        Assert.Contains("set ContainerBaseImage to an image you have", baseError);
        Assert.Contains("ContainerBaseRegistry", baseError);
        var targetError = Assert.Single(PublishedProject.Errors(deadTarget));
        Assert.StartsWith("IMG0005: ", targetError);
        Assert.Contains("cannot reach registry 127.0.0.1:9", targetError);
        Assert.Contains("check ContainerRegistry", targetError);
        Assert.DoesNotContain("base image", targetError);
    }

    private const string ConsoleProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <InvariantGlobalization>true</InvariantGlobalization>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
          </ItemGroup>
        </Project>
        """;

    private const string WebProject = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <InvariantGlobalization>true</InvariantGlobalization>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
          </ItemGroup>
        </Project>
        """;
}
