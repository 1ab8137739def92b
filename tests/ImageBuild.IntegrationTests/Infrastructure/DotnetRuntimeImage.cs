namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A .NET runtime base image and a published console app, both made once and kept in the <see cref="TestCache"/>.
/// The base is assembled as eng/demo.sh does (this machine's dotnet host, shared runtime, the libraries ldd
/// names, and busybox) and imported with <c>dotnet image import</c> into a cached store, which tests read
/// as <c>oci:STORE:REF</c>. The app prints <see cref="Greeting"/>.
/// </summary>
public sealed class DotnetRuntimeImage : IAsyncLifetime
{
    public const string Greeting = "hello from a built image";

    public const string BaseRefName = "docker.io/library/dotnet-runtime:test";

    /// <summary>The cached store holding the base image.</summary>
    public string BaseStore { get; private set; } = string.Empty;

    /// <summary>The base as a build's --from names it.</summary>
    public string BaseLocation => $"oci:{BaseStore}:{BaseRefName}";

    /// <summary>dotnet publish output of the app (app.dll), framework-dependent.</summary>
    public string PublishDirectory { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var runtimeVersion = (await ProcessRunner.OutputOfAsync("dotnet", "--version")).Trim();
        BaseStore = await TestCache.GetOrCreateDirectoryAsync($"dotnet-runtime-store-{runtimeVersion}", CreateBaseStoreAsync, CancellationToken.None);
        PublishDirectory = Path.Combine(
            await TestCache.GetOrCreateDirectoryAsync($"hello-app-{runtimeVersion}", PublishAppAsync, CancellationToken.None), "publish");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task CreateBaseStoreAsync(string store, CancellationToken cancellationToken)
    {
        using var work = TempDirectory.Create("imagebuild-runtime-rootfs");
        var rootfs = work.Combine("rootfs");
        await DotnetHostFiles.CopyRuntimeAsync(Path.Combine(rootfs, "usr", "share", "dotnet"), cancellationToken);
        await DotnetHostFiles.CopyNativeDependenciesAsync(Path.Combine(rootfs, "usr", "share", "dotnet"), rootfs, cancellationToken);
        var cli = new CliRunner(store);
        (await cli.RunAsync(
            ["import", rootfs, BaseRefName, "--change", "ENV DOTNET_ROOT=/usr/share/dotnet", "--change", "ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", "--change", "ENV PATH=/usr/share/dotnet:/bin"],
            TimeSpan.FromMinutes(5),
            cancellationToken)).EnsureSuccess();
    }

    private static Task PublishAppAsync(string directory, CancellationToken cancellationToken) =>
        DotnetHostFiles.PublishAppAsync(
            directory,
            $$"""
            Console.WriteLine("{{Greeting}}: " + string.Join(",", args) + " env=" + Environment.GetEnvironmentVariable("GREETING"));
            """,
            invariantGlobalization: true,
            Path.Combine(directory, "publish"),
            cancellationToken);
}
