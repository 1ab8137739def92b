using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>
/// ContainerRuntimeIdentifiers=linux-x64;linux-arm64 on a two-platform base: one publish per RID, one index in the
/// store whose entries are the per-RID manifests by digest, and no tag besides the one asked for.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class MultiRidPublishTests(TasksPackageFixture fixture)
{
    private const string Reference = "docker.io/library/twin:1.0";

    [Fact]
    public async Task Two_rids_publish_one_index_whose_amd64_image_runs()
    {
        var baseStore = await DotnetRuntimeIndexImage.GetStoreAsync(fixture.Runtime);
        using var project = PublishedProject.Create(fixture, "twin", ProjectXml, new Dictionary<string, string>
        {
            ["twin/Program.cs"] = "System.Console.WriteLine(\"twin says hi on \" + System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier);\n",
        });
        string[] properties = [$"ContainerBaseImage=oci:{baseStore}:{DotnetRuntimeIndexImage.RefName}", "ContainerImageTag=1.0"];

        // Restore never sees a package's properties, so the project must list the RIDs itself; it is told how.
        var unrestored = await project.PublishAsync(properties);
        Assert.NotEqual(0, unrestored.ExitCode);
        var error = Assert.Single(PublishedProject.Errors(unrestored));
        Assert.StartsWith("IMG0001: ContainerRuntimeIdentifiers lists linux-x64, linux-arm64 but RuntimeIdentifiers does not", error);

        var projectFile = Path.Combine(project.ProjectDirectory, "twin.csproj");
        File.WriteAllText(projectFile, File.ReadAllText(projectFile).Replace("<ContainerRuntimeIdentifiers>", "<RuntimeIdentifiers>linux-x64;linux-arm64</RuntimeIdentifiers><ContainerRuntimeIdentifiers>"));
        (await project.PublishAsync(properties)).EnsureSuccess();

        var index = await ImageInspection.ManifestAsync($"oci:{project.Store}:{Reference}");
        Assert.Equal("application/vnd.oci.image.index.v1+json", index["mediaType"]!.GetValue<string>());
        var entries = index["manifests"]!.AsArray();
        Assert.Equal(
            ["linux/amd64", "linux/arm64"],
            entries.Select(e => $"{e!["platform"]!["os"]}/{e["platform"]!["architecture"]}").Order(StringComparer.Ordinal));
        var names = (await new CliRunner(project.Store).RunAsync("ls")).EnsureSuccess().StandardOutput;
        Assert.Equal(["twin 1.0"], names.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2))));

        // umoci reads single images only: skopeo picks this machine's (amd64) entry of the index into a layout of its own.
        var amd64 = Path.Combine(project.Root, "amd64");
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["copy", "--override-arch", "amd64", "--override-os", "linux", $"oci:{project.Store}:{Reference}", $"oci:{amd64}:{Reference}"])).EnsureSuccess();
        var run = (await RuncRunner.RunAsync(amd64, Reference)).EnsureSuccess();
        Assert.Contains("twin says hi on linux-x64", run.StandardOutput);
    }

    private const string ProjectXml = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <InvariantGlobalization>true</InvariantGlobalization>
            <ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>
          </PropertyGroup>
        </Project>
        """;
}
