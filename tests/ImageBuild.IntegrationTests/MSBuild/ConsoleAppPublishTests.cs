using System.Text.RegularExpressions;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>
/// A console app with a NuGet package and a project reference, published with dotnet publish -t:PublishImage
/// into the local store on a locally made .NET runtime base, run with runc, then republished.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class ConsoleAppPublishTests(TasksPackageFixture fixture)
{
    private const string Reference = "docker.io/library/greeter:latest";

    [Fact]
    public async Task Layered_image_runs_republishes_incrementally_and_reproducibly()
    {
        using var project = CreateGreeter("first");
        var baseImage = $"ContainerBaseImage={fixture.Runtime.BaseLocation}";
        var baseLayers = await ImageInspection.LayerDigestsAsync($"oci:{fixture.Runtime.BaseStore}:{DotnetRuntimeImage.BaseRefName}");

        (await project.PublishAsync(baseImage)).EnsureSuccess();
        var first = Digest(project);
        var firstLayers = await ImageInspection.LayerDigestsAsync($"oci:{project.Store}:{Reference}");
        Assert.Equal(baseLayers, firstLayers.Take(baseLayers.Count));
        var history = (await ImageInspection.ConfigAsync($"oci:{project.Store}:{Reference}"))["history"]!.AsArray()
            .Select(h => h!["created_by"]?.GetValue<string>() ?? string.Empty).ToList();
        Assert.Equal(["packages", "dependencies", "app"], history.Where(h => h.Contains(": COPY ")).Select(h => h.Split(": COPY ")[1].Split(' ')[0]));
        Assert.Equal(baseLayers.Count + 3, firstLayers.Count);

        var run = await RuncRunner.RunAsync(project.Store, Reference);
        run.EnsureSuccess();
        Assert.Contains("greeting from a library: [\"first\"]", run.StandardOutput);

        var unchanged = (await project.PublishAsync(baseImage)).EnsureSuccess();
        Assert.Contains("PublishImage: up to date", unchanged.StandardOutput);
        // Nothing is checked again, so the line says where the earlier publish put the image.
        Assert.Matches($@"@{first} in store {Regex.Escape(project.Store)}.* \(up to date\)", unchanged.StandardOutput);
        Assert.Equal(first, Digest(project));

        project.Write("greeter/Program.cs", Program("second"));
        var changed = (await project.PublishAsync(baseImage)).EnsureSuccess();
        Assert.Contains("1 layer(s) written, 2 from cache", changed.StandardOutput);
        var second = Digest(project);
        Assert.NotEqual(first, second);
        var secondLayers = await ImageInspection.LayerDigestsAsync($"oci:{project.Store}:{Reference}");
        Assert.Equal(firstLayers.Count, secondLayers.Count);
        Assert.Equal(firstLayers.SkipLast(1), secondLayers.SkipLast(1));
        Assert.NotEqual(firstLayers[^1], secondLayers[^1]);

        // Clean build of the same source: every file rewritten with new times, yet the same image.
        project.DeleteBuildOutput();
        (await project.PublishAsync(baseImage)).EnsureSuccess();
        Assert.Equal(second, Digest(project));
    }

    [Fact]
    public async Task Dotnet_image_publish_runs_the_publish_into_the_tools_store()
    {
        using var project = CreateGreeter("via-cli");
        var cli = new CliRunner(project.Store, PublishedProject.CleanEnvironment);

        // Options before the project must keep their order: "-c Release" is not the project.
        var result = await cli.RunAsync(
            ["publish", "-c", "Release", project.ProjectDirectory, "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", $"-p:ContainerBaseImage={fixture.Runtime.BaseLocation}"],
            TimeSpan.FromMinutes(5),
            CancellationToken.None);

        result.EnsureSuccess();
        Assert.Contains("greeter", (await cli.RunAsync("ls", "--format", "{{.Repository}}:{{.Tag}}")).EnsureSuccess().StandardOutput);
        var run = (await RuncRunner.RunAsync(project.Store, Reference)).EnsureSuccess();
        Assert.Contains("[\"via-cli\"]", run.StandardOutput);
    }

    [Theory]
    [InlineData("ContainerImageFormat=Docker2", "IMG0001", "ContainerImageFormat")]
    [InlineData("ContainerBaseImage=no-such-base:1.0", "IMG0002", "no-such-base")]
    public async Task A_user_error_is_one_coded_error_not_a_stack_trace(string property, string code, string named)
    {
        using var project = CreateGreeter("x");

        var result = await project.PublishAsync($"ContainerBaseImage={fixture.Runtime.BaseLocation}", property);

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(PublishedProject.Errors(result));
        Assert.StartsWith(code + ": ", error);
        Assert.Contains(named, error);
        Assert.DoesNotContain("MSB4018", result.StandardOutput + result.StandardError);
    }

    private PublishedProject CreateGreeter(string argument) => PublishedProject.Create(
        fixture,
        "greeter",
        """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <InvariantGlobalization>true</InvariantGlobalization>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
            <ProjectReference Include="../greeting/greeting.csproj" />
            <ContainerAppCommandArgs Include="{{ARG}}" />
          </ItemGroup>
        </Project>
        """.Replace("{{ARG}}", argument),
        new Dictionary<string, string>
        {
            ["greeter/Program.cs"] = Program("first"),
            ["greeting/greeting.csproj"] = """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                </Project>
                """,
            ["greeting/Greeting.cs"] = """
                namespace Greetings;
                public static class Greeting { public const string Text = "greeting from a library"; }
                """,
        });

    private static string Program(string version) =>
        $"Console.WriteLine(Greetings.Greeting.Text + \": \" + Newtonsoft.Json.JsonConvert.SerializeObject(args) + \" {version}\");\n";

    private static string Digest(PublishedProject project) => File.ReadAllText(project.DigestFile).Trim();
}
