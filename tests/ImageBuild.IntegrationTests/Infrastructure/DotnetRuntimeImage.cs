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

    private const string AssembleScript = """
        set -euo pipefail
        out="$1"
        dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
        runtime_version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')"
        mkdir -p "$out/usr/share/dotnet/shared/Microsoft.NETCore.App" "$out/usr/share/dotnet/host" "$out/tmp" "$out/bin"
        cp "$dotnet_root/dotnet" "$out/usr/share/dotnet/"
        cp -r "$dotnet_root/host/fxr" "$out/usr/share/dotnet/host/"
        cp -r "$dotnet_root/shared/Microsoft.NETCore.App/$runtime_version" "$out/usr/share/dotnet/shared/Microsoft.NETCore.App/"
        find "$out/usr/share/dotnet" -type f \( -name '*.so' -o -name dotnet \) -exec ldd {} + 2>/dev/null \
          | grep -v ':$' | grep -oE '/[^ ]+\.so[^ ]*' | sort -u | while read -r lib; do
              mkdir -p "$out$(dirname "$lib")"
              cp -L "$lib" "$out$lib"
            done
        cp /bin/busybox "$out/bin/busybox"
        ln -sf busybox "$out/bin/sh"
        """;

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
        _ = Tools.Busybox.Path;
        using var work = TempDirectory.Create("imagebuild-runtime-rootfs");
        var rootfs = work.Combine("rootfs");
        (await ProcessRunner.RunAsync("bash", ["-c", AssembleScript, "assemble", rootfs], TimeSpan.FromMinutes(5), cancellationToken: cancellationToken)).EnsureSuccess();
        var cli = new CliRunner(store);
        (await cli.RunAsync(
            ["import", rootfs, BaseRefName, "--change", "ENV DOTNET_ROOT=/usr/share/dotnet", "--change", "ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", "--change", "ENV PATH=/usr/share/dotnet:/bin"],
            TimeSpan.FromMinutes(5),
            cancellationToken)).EnsureSuccess();
    }

    private static async Task PublishAppAsync(string directory, CancellationToken cancellationToken)
    {
        var project = Path.Combine(directory, "src");
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, "app.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>app</AssemblyName>
                <InvariantGlobalization>true</InvariantGlobalization>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), $$"""
            Console.WriteLine("{{Greeting}}: " + string.Join(",", args) + " env=" + Environment.GetEnvironmentVariable("GREETING"));
            """, cancellationToken);

        // Outside the repository so its Directory.Build.props (warnings as errors, analyzers) do not apply.
        (await ProcessRunner.RunAsync(
            "dotnet",
            ["publish", project, "-c", "Release", "-o", Path.Combine(directory, "publish"), "-nologo", "-v", "quiet"],
            TimeSpan.FromMinutes(5),
            environment: new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            cancellationToken: cancellationToken)).EnsureSuccess();
        Directory.Delete(project, recursive: true);
    }
}
