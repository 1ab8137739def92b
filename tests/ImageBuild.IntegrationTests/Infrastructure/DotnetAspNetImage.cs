namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// An aspnet-like base: the <see cref="DotnetRuntimeImage"/> base plus this machine's shared Microsoft.AspNetCore.App
/// as one appended layer, with ASPNETCORE_HTTP_PORTS set as Microsoft's aspnet images set it. Made once with
/// <c>dotnet image append</c> and kept in the <see cref="TestCache"/>.
/// </summary>
public static class DotnetAspNetImage
{
    public const string BaseRefName = "docker.io/library/dotnet-aspnet:test";

    public const int HttpPort = 8080;

    private const string CopyAspNetScript = """
        set -euo pipefail
        out="$1"
        dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
        version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }')"
        test -n "$version" || { echo "no Microsoft.AspNetCore.App runtime on this machine" >&2; exit 1; }
        mkdir -p "$out/usr/share/dotnet/shared/Microsoft.AspNetCore.App"
        cp -r "$dotnet_root/shared/Microsoft.AspNetCore.App/$version" "$out/usr/share/dotnet/shared/Microsoft.AspNetCore.App/"
        """;

    /// <summary>The cached store holding <see cref="BaseRefName"/>, made from <paramref name="runtime"/>'s base.</summary>
    public static async Task<string> GetStoreAsync(DotnetRuntimeImage runtime, CancellationToken cancellationToken)
    {
        var sdkVersion = (await ProcessRunner.OutputOfAsync("dotnet", "--version")).Trim();
        return await TestCache.GetOrCreateDirectoryAsync(
            $"dotnet-aspnet-store-{sdkVersion}", (store, ct) => CreateAsync(store, runtime, ct), cancellationToken);
    }

    private static async Task CreateAsync(string store, DotnetRuntimeImage runtime, CancellationToken cancellationToken)
    {
        using var work = TempDirectory.Create("imagebuild-aspnet-rootfs");
        var rootfs = work.Combine("rootfs");
        (await ProcessRunner.RunAsync("bash", ["-c", CopyAspNetScript, "copy-aspnet", rootfs], TimeSpan.FromMinutes(5), cancellationToken: cancellationToken)).EnsureSuccess();
        (await new CliRunner(store).RunAsync(
            ["append", runtime.BaseLocation, "--layer", rootfs, "-t", BaseRefName, "--env", $"ASPNETCORE_HTTP_PORTS={HttpPort}"],
            TimeSpan.FromMinutes(5),
            cancellationToken)).EnsureSuccess();
    }
}
