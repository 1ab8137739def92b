namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A linux/amd64 + linux/arm64 index of the <see cref="DotnetRuntimeImage"/> base, kept in the <see cref="TestCache"/>.
/// This machine has only an x64 runtime, so the arm64 entry is the same files imported with a config that says
/// linux/arm64, as eng/bench/run.sh makes its two-RID base: it would not run on arm64, but a two-RID build reads
/// and writes exactly what it would with a real arm64 runtime.
/// </summary>
public static class DotnetRuntimeIndexImage
{
    public const string RefName = "docker.io/library/dotnet-runtime:test-multi";

    private const string Arm64RefName = "docker.io/library/dotnet-runtime:test-arm64-label";

    /// <summary>The cached store holding <see cref="RefName"/> (and the single-platform images it lists).</summary>
    public static async Task<string> GetStoreAsync(DotnetRuntimeImage runtime, CancellationToken cancellationToken = default)
    {
        var runtimeVersion = (await ProcessRunner.OutputOfAsync("dotnet", "--version")).Trim();
        return await TestCache.GetOrCreateDirectoryAsync(
            $"dotnet-runtime-index-store-{runtimeVersion}", (store, token) => CreateAsync(runtime.BaseStore, store, token), cancellationToken);
    }

    private static async Task CreateAsync(string baseStore, string store, CancellationToken cancellationToken)
    {
        (await ProcessRunner.RunAsync("cp", ["-a", baseStore + "/.", store], cancellationToken: cancellationToken)).EnsureSuccess();
        using var work = TempDirectory.Create("imagebuild-runtime-arm64");
        var rootfs = work.Combine("rootfs");
        var cli = new CliRunner(store);
        var timeout = TimeSpan.FromMinutes(5);
        (await cli.RunAsync(["unpack", DotnetRuntimeImage.BaseRefName, rootfs], timeout, cancellationToken)).EnsureSuccess();
        (await cli.RunAsync(
            ["import", rootfs, Arm64RefName, "--platform", "linux/arm64",
             "--change", "ENV DOTNET_ROOT=/usr/share/dotnet", "--change", "ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", "--change", "ENV PATH=/usr/share/dotnet:/bin"],
            timeout,
            cancellationToken)).EnsureSuccess();
        (await cli.RunAsync(["manifest", "create", RefName, DotnetRuntimeImage.BaseRefName, Arm64RefName], timeout, cancellationToken)).EnsureSuccess();
    }
}
