namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// This machine's .NET runtime as a container needs it, copied as eng/demo.sh does, and tiny console apps
/// published against it: shared by the runtime base fixtures so both carry the same files.
/// </summary>
public static class DotnetHostFiles
{
    private const string CopyRuntimeScript = """
        set -euo pipefail
        out="$1"
        dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
        runtime_version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')"
        mkdir -p "$out/shared/Microsoft.NETCore.App" "$out/host"
        cp "$dotnet_root/dotnet" "$out/"
        cp -r "$dotnet_root/host/fxr" "$out/host/"
        cp -r "$dotnet_root/shared/Microsoft.NETCore.App/$runtime_version" "$out/shared/Microsoft.NETCore.App/"
        """;

    private const string CopyNativeDependenciesScript = """
        set -euo pipefail
        scan="$1"
        out="$2"
        mkdir -p "$out/tmp" "$out/bin"
        find "$scan" -type f \( -name '*.so' -o -name dotnet \) -exec ldd {} + 2>/dev/null \
          | grep -v ':$' | grep -oE '/[^ ]+\.so[^ ]*' | grep -vF "$scan/" | sort -u | while read -r lib; do
              mkdir -p "$out$(dirname "$lib")"
              cp -L "$lib" "$out$lib"
            done
        cp /bin/busybox "$out/bin/busybox"
        ln -sf busybox "$out/bin/sh"
        """;

    /// <summary>
    /// Copies into <paramref name="rootfs"/> the shared libraries ldd names for the runtime's native files under
    /// <paramref name="runtimeDirectory"/> (with their paths), plus busybox as /bin/sh, as eng/demo.sh does; the
    /// runtime's own libraries, which ldd names where it finds them beside a file, are left out.
    /// </summary>
    public static async Task CopyNativeDependenciesAsync(string runtimeDirectory, string rootfs, CancellationToken cancellationToken)
    {
        _ = Tools.Busybox.Path;
        (await ProcessRunner.RunAsync(
            "bash", ["-c", CopyNativeDependenciesScript, "copy-native-dependencies", runtimeDirectory, rootfs], TimeSpan.FromMinutes(5), cancellationToken: cancellationToken)).EnsureSuccess();
    }

    /// <summary>Copies the dotnet host, host/fxr and the newest shared Microsoft.NETCore.App into <paramref name="dotnetRoot"/>.</summary>
    public static async Task CopyRuntimeAsync(string dotnetRoot, CancellationToken cancellationToken) =>
        (await ProcessRunner.RunAsync("bash", ["-c", CopyRuntimeScript, "copy-runtime", dotnetRoot], TimeSpan.FromMinutes(5), cancellationToken: cancellationToken)).EnsureSuccess();

    /// <summary>
    /// Publishes a framework-dependent console app named app (app.dll) whose Program.cs is <paramref name="program"/>
    /// into <paramref name="output"/>; the project is written under <paramref name="work"/>, outside the repository
    /// so its Directory.Build.props (warnings as errors, analyzers) do not apply.
    /// </summary>
    public static async Task PublishAppAsync(string work, string program, bool invariantGlobalization, string output, CancellationToken cancellationToken)
    {
        var project = Path.Combine(work, "src");
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, "app.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>app</AssemblyName>
                <InvariantGlobalization>{{(invariantGlobalization ? "true" : "false")}}</InvariantGlobalization>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), program, cancellationToken);
        (await ProcessRunner.RunAsync(
            "dotnet",
            ["publish", project, "-c", "Release", "-o", output, "-nologo", "-v", "quiet"],
            TimeSpan.FromMinutes(5),
            environment: new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            cancellationToken: cancellationToken)).EnsureSuccess();
        Directory.Delete(project, recursive: true);
    }
}
