using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>
/// A project written for the SDK's PublishContainer (ContainerRegistry, ContainerRepository, several tags, working
/// directory, ports, environment, labels, user, app args, default args) published with PublishImage unchanged to a
/// registry that asks for a password, on a base held by that registry; pulled back with skopeo and run with runc.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed partial class RegistryPublishTests(TasksPackageFixture fixture)
{
    private const string Username = "publisher";
    private const string Password = "publish-secret-1";

    private static readonly Dictionary<string, string?> Credentials = new()
    {
        ["DOTNET_CONTAINER_REGISTRY_UNAME"] = Username,
        ["DOTNET_CONTAINER_REGISTRY_PWORD"] = Password,
    };

    [Fact]
    public async Task PublishContainer_project_pushes_to_ContainerRegistry_mounting_the_base_and_runs()
    {
        await using var registry = await RegistryFixture.StartAsync(new RegistryFixtureOptions { BasicAuth = (Username, Password) });
        using var temp = TempDirectory.Create("imagebuild-msbuild-push");
        var baseRef = $"{registry.Host}/dotnet/runtime:test";
        (await new CliRunner(temp.Combine("seed-store"), Credentials).RunAsync("copy", fixture.Runtime.BaseLocation, baseRef)).EnsureSuccess();
        var baseLayers = await ImageInspection.LayerDigestsAsync(fixture.Runtime.BaseLocation);
        var before = registry.Requests().Count;
        using var project = CreateShop();

        var published = (await project.PublishAsync(Credentials, $"ContainerRegistry={registry.Host}", $"ContainerBaseImage={baseRef}")).EnsureSuccess();

        // The base is in the registry already: its layers are mounted into team/shop, never downloaded.
        var requests = registry.Requests().Skip(before).ToList();
        Assert.DoesNotContain(requests, r => r.Method == "GET" && baseLayers.Any(layer => r.Target.Contains(layer, StringComparison.Ordinal)));
        Assert.All(baseLayers, layer => Assert.Contains(requests, r => r.Method == "POST" && Uri.UnescapeDataString(r.Target).Contains($"mount={layer}&from=dotnet/runtime", StringComparison.Ordinal)));

        // Task outputs, the digest file and the registry agree on the digest, for every tag.
        var digest = File.ReadAllText(project.DigestFile).Trim();
        var output = published.StandardOutput;
        Assert.Contains($"image-digest={digest}", output);
        var references = ReferenceLine().Matches(output).Select(m => (Name: m.Groups[1].Value, Digest: m.Groups[2].Value)).ToList();
        Assert.Equal([$"{registry.Host}/team/shop:1.2.3", $"{registry.Host}/team/shop:stable"], references.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.All(references, r => Assert.Equal(digest, r.Digest));
        foreach (var (name, _) in references)
        {
            var raw = (await Skopeo("inspect", "--raw", "--tls-verify=false", $"--creds={Username}:{Password}", $"docker://{name}")).StandardOutput;
            Assert.Equal(digest, ImageBuild.Oci.Digest.Compute(Encoding.UTF8.GetBytes(raw.TrimEnd('\n'))).ToString());
        }

        var config = (await ImageInspection.ConfigAsync($"docker://{registry.Host}/team/shop:1.2.3", "--tls-verify=false", $"--creds={Username}:{Password}"))["config"]!;
        Assert.Equal("/srv/shop", config["WorkingDir"]!.GetValue<string>());
        Assert.Equal("1654", config["User"]!.GetValue<string>());
        Assert.Equal(["8080/tcp", "9090/udp"], config["ExposedPorts"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Contains("GREETING=hello from MSBuild", Strings(config["Env"]));
        Assert.Equal("shop", config["Labels"]!["com.example.team"]!.GetValue<string>());
        Assert.Equal(["dotnet", "/srv/shop/shop.dll", "--from-entrypoint"], Strings(config["Entrypoint"]));
        Assert.Equal(["default-arg"], Strings(config["Cmd"]));

        var layout = temp.Combine("pulled");
        await Skopeo("copy", "--src-tls-verify=false", $"--src-creds={Username}:{Password}", $"docker://{registry.Host}/team/shop:stable", $"oci:{layout}:shop");
        var run = (await RuncRunner.RunAsync(layout, "shop")).EnsureSuccess();
        Assert.Contains("shop args=[--from-entrypoint,default-arg] greeting=hello from MSBuild cwd=/srv/shop", run.StandardOutput);
    }

    private PublishedProject CreateShop() => PublishedProject.Create(
        fixture,
        "shop",
        """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <InvariantGlobalization>true</InvariantGlobalization>
            <ImplicitUsings>enable</ImplicitUsings>
            <ContainerRepository>team/shop</ContainerRepository>
            <ContainerImageTags>1.2.3;stable</ContainerImageTags>
            <ContainerWorkingDirectory>/srv/shop</ContainerWorkingDirectory>
            <ContainerUser>1654</ContainerUser>
          </PropertyGroup>
          <ItemGroup>
            <ContainerPort Include="8080" Type="tcp" />
            <ContainerPort Include="9090" Type="udp" />
            <ContainerEnvironmentVariable Include="GREETING" Value="hello from MSBuild" />
            <ContainerLabel Include="com.example.team" Value="shop" />
            <ContainerAppCommandArgs Include="--from-entrypoint" />
            <ContainerDefaultArgs Include="default-arg" />
          </ItemGroup>
          <Target Name="ShowImage" AfterTargets="PublishImage">
            <Message Importance="high" Text="image-digest=$(ContainerImageDigest)" />
            <Message Importance="high" Text="image-reference=%(ContainerImageReference.Identity) %(ContainerImageReference.Digest)" />
          </Target>
        </Project>
        """,
        new Dictionary<string, string>
        {
            ["shop/Program.cs"] = """
                Console.WriteLine($"shop args=[{string.Join(",", args)}] greeting={Environment.GetEnvironmentVariable("GREETING")} cwd={Environment.CurrentDirectory}");
                """,
        });

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    private static async Task<ProcessResult> Skopeo(params string[] arguments) =>
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, arguments)).EnsureSuccess();

    [GeneratedRegex(@"image-reference=(\S+) (sha256:[0-9a-f]{64})")]
    private static partial Regex ReferenceLine();
}
