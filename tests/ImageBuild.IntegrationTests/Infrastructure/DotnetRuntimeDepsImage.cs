namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A runtime-deps-like base kept in the <see cref="TestCache"/>: busybox and the shared libraries ldd names for
/// this machine's .NET runtime, but not the runtime itself, so only a self-contained app runs on it.
/// </summary>
public static class DotnetRuntimeDepsImage
{
    public const string RefName = "docker.io/library/dotnet-runtime-deps:test";

    /// <summary>The cached store holding <see cref="RefName"/>.</summary>
    public static async Task<string> GetStoreAsync(CancellationToken cancellationToken = default)
    {
        var runtimeVersion = (await ProcessRunner.OutputOfAsync("dotnet", "--version")).Trim();
        return await TestCache.GetOrCreateDirectoryAsync($"dotnet-runtime-deps-store-{runtimeVersion}", CreateAsync, cancellationToken);
    }

    private static async Task CreateAsync(string store, CancellationToken cancellationToken)
    {
        using var work = TempDirectory.Create("imagebuild-runtime-deps");
        var runtime = work.Combine("dotnet");
        var rootfs = work.Combine("rootfs");
        await DotnetHostFiles.CopyRuntimeAsync(runtime, cancellationToken);
        await DotnetHostFiles.CopyNativeDependenciesAsync(runtime, rootfs, cancellationToken);
        (await new CliRunner(store).RunAsync(
            ["import", rootfs, RefName, "--change", "ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", "--change", "ENV PATH=/bin"],
            TimeSpan.FromMinutes(5),
            cancellationToken)).EnsureSuccess();
    }
}
