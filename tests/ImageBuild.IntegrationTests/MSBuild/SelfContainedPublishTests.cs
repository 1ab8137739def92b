using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>
/// A self-contained publish (RuntimeIdentifier + SelfContained) on a runtime-deps-like base that has no .NET:
/// the runtime pack's files are a layer of their own, named in the history, and the apphost is the entrypoint.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class SelfContainedPublishTests(TasksPackageFixture fixture)
{
    private const string Reference = "docker.io/library/loner:latest";

    [Fact]
    public async Task Self_contained_app_runs_from_its_apphost_with_the_runtime_in_its_own_layer()
    {
        var baseStore = await DotnetRuntimeDepsImage.GetStoreAsync();
        using var project = PublishedProject.Create(
            fixture,
            "loner",
            """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <InvariantGlobalization>true</InvariantGlobalization>
              </PropertyGroup>
            </Project>
            """,
            new Dictionary<string, string>
            {
                ["loner/Program.cs"] = "System.Console.WriteLine(\"self-contained from \" + System.Environment.ProcessPath);\n",
            });

        (await project.PublishAsync($"ContainerBaseImage=oci:{baseStore}:{DotnetRuntimeDepsImage.RefName}", "RuntimeIdentifier=linux-x64", "SelfContained=true"))
            .EnsureSuccess();

        var location = $"oci:{project.Store}:{Reference}";
        var config = await ImageInspection.ConfigAsync(location);
        Assert.Equal(["/app/loner"], config["config"]!["Entrypoint"]!.AsArray().Select(e => e!.GetValue<string>()));
        var copies = config["history"]!.AsArray()
            .Select(h => h!["created_by"]?.GetValue<string>() ?? string.Empty)
            .Where(h => h.Contains(": COPY "))
            .Select(h => h.Split(": COPY ")[1].Split(' ')[0]);
        Assert.Equal(["runtime", "app"], copies);
        var baseLayers = await ImageInspection.LayerDigestsAsync($"oci:{baseStore}:{DotnetRuntimeDepsImage.RefName}");
        Assert.Equal(baseLayers.Count + 2, (await ImageInspection.LayerDigestsAsync(location)).Count);

        // The runtime layer is known by the runtime pack's identity, version and sha512 (no file read next time).
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(project.Store, "layer-cache", "identity")));

        var run = (await RuncRunner.RunAsync(project.Store, Reference)).EnsureSuccess();
        Assert.Contains("self-contained from /app/loner", run.StandardOutput);
    }
}
