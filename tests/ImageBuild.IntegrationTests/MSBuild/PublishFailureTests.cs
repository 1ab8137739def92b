using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>A publish that cannot finish is one coded MSBuild error naming the problem, never MSB4018 and a stack trace.</summary>
[Collection(MSBuildCollection.Name)]
public sealed class PublishFailureTests(TasksPackageFixture fixture)
{
    [Fact]
    public async Task A_full_store_is_IMG0006_naming_the_store_and_leaves_no_temp_file()
    {
        using var project = CreateApp();
        await using var disk = await Tmpfs.MountAsync(project.Store, "2m");

        var result = await project.PublishAsync($"ContainerBaseImage={fixture.Runtime.BaseLocation}");

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(PublishedProject.Errors(result));
        Assert.StartsWith("IMG0006: image ", error, StringComparison.Ordinal);
        Assert.Contains($": no space left on device while writing the store at {project.Store}; free some space", error, StringComparison.Ordinal);
        Assert.DoesNotContain("MSB4018", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(project.Store, "ingest")));
    }

    [Fact]
    public async Task ContainerRetries_that_is_not_a_number_is_IMG0001()
    {
        using var project = CreateApp();

        var result = await project.PublishAsync($"ContainerBaseImage={fixture.Runtime.BaseLocation}", "ContainerRetries=many");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(
            "IMG0001: ContainerRetries \"many\" is not a number: give how often a failed registry request is tried again, such as 5",
            Assert.Single(PublishedProject.Errors(result)));
    }

    private PublishedProject CreateApp() => PublishedProject.Create(
        fixture,
        "failing",
        """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <InvariantGlobalization>true</InvariantGlobalization>
          </PropertyGroup>
        </Project>
        """,
        new Dictionary<string, string> { ["failing/Program.cs"] = "System.Console.WriteLine(\"never runs\");\n" });
}
