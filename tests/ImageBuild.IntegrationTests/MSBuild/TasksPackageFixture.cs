using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>
/// Packs ImageBuild.Tasks once per test run into artifacts/packages with a version of its own, so projects
/// restoring it never get a stale copy from the NuGet cache; also provides the cached .NET runtime base.
/// </summary>
public sealed class TasksPackageFixture : IAsyncLifetime
{
    public string RepositoryRoot { get; } = Infrastructure.RepositoryRoot.Path;

    public string PackageDirectory => Path.Combine(RepositoryRoot, "artifacts", "packages");

    public string Version { get; } = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public DotnetRuntimeImage Runtime { get; } = new();

    public async Task InitializeAsync()
    {
        await Runtime.InitializeAsync();
        // The package carries the native dotnet-image the task runs publishes in: the installed tool is that
        // executable, compiled from the same sources, so packing does not compile it again.
        var nativeTool = File.ResolveLinkTarget(InstalledTool.Path, returnFinalTarget: true)?.FullName ?? InstalledTool.Path;
        (await ProcessRunner.RunAsync(
            "dotnet",
            ["pack", Path.Combine(RepositoryRoot, "src", "ImageBuild.Tasks"), "-c", "Release", "-nologo", "-v", "quiet", $"-p:Version={Version}", "-nodeReuse:false", $"-p:ImageBuildNativeTool={nativeTool}"],
            // ReadyToRun-compiling the task and its dependencies takes minutes on a busy machine.
            TimeSpan.FromMinutes(15),
            environment: PublishedProject.CleanEnvironment)).EnsureSuccess();
    }

    public Task DisposeAsync()
    {
        File.Delete(Path.Combine(PackageDirectory, $"ImageBuild.Tasks.{Version}.nupkg"));
        return Task.CompletedTask;
    }
}
