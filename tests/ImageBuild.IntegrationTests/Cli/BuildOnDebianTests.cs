using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// <c>dotnet image build</c> on a real distro: a hand-written .NET app onto Debian (debootstrap) plus this
/// machine's runtime. runc proves it runs on the distro's glibc; skopeo proves the layering: the base
/// layers unchanged plus exactly one new layer, history in step with diff_ids, base annotations.
/// </summary>
public sealed class BuildOnDebianTests(DebootstrapRuntimeImage debian) : IClassFixture<DebootstrapRuntimeImage>, IDisposable
{
    private const string Entrypoint = "[\"/usr/share/dotnet/dotnet\",\"/app/app.dll\"]";

    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-debian-app");

    [Fact]
    public async Task Runtime_base_is_the_debootstrap_layer_plus_one_runtime_layer_with_PATH_appended()
    {
        var debianManifest = await InspectJsonAsync("--raw", DebootstrapRuntimeImage.DebianRefName);
        var runtimeManifest = await InspectJsonAsync("--raw", DebootstrapRuntimeImage.RuntimeRefName);
        var runtimeConfig = await InspectJsonAsync("--config", DebootstrapRuntimeImage.RuntimeRefName);

        var debianLayer = Assert.Single(LayerDigests(debianManifest));
        var runtimeLayers = LayerDigests(runtimeManifest);
        Assert.Equal(2, runtimeLayers.Count);
        Assert.Equal(debianLayer, runtimeLayers[0]);
        var env = runtimeConfig.GetProperty("config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains($"PATH={DebootstrapRuntimeImage.DebianPath}:/usr/share/dotnet", env);
        Assert.Contains("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", env);
    }

    [Fact]
    public async Task Published_app_on_debian_runs_under_runc_and_adds_exactly_one_layer()
    {
        var publish = await PublishAppAsync();
        var cli = new CliRunner(debian.Store);

        (await cli.RunAsync(
            ["build", publish, "--from", DebootstrapRuntimeImage.RuntimeRefName, "--workdir", "/app", "--entrypoint", Entrypoint, "-t", "app:1"],
            TimeSpan.FromMinutes(5),
            CancellationToken.None)).EnsureSuccess();

        var run = (await RuncRunner.RunAsync(debian.Store, "docker.io/library/app:1", timeout: TimeSpan.FromMinutes(2))).EnsureSuccess();
        Assert.Equal($"hello from {await PrettyNameAsync()} in /app", run.StandardOutput.Trim());

        var baseManifest = await InspectJsonAsync("--raw", DebootstrapRuntimeImage.RuntimeRefName);
        var baseConfig = await InspectJsonAsync("--config", DebootstrapRuntimeImage.RuntimeRefName);
        var manifest = await InspectJsonAsync("--raw", "docker.io/library/app:1");
        var config = await InspectJsonAsync("--config", "docker.io/library/app:1");

        var baseLayers = LayerDigests(baseManifest);
        var layers = LayerDigests(manifest);
        Assert.Equal(baseLayers.Count + 1, layers.Count);
        Assert.Equal(baseLayers, layers.Take(baseLayers.Count));

        var diffIds = config.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()).ToList();
        var baseDiffIds = baseConfig.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.Equal(layers.Count, diffIds.Count);
        Assert.Equal(baseDiffIds, diffIds.Take(baseDiffIds.Count));

        var history = config.GetProperty("history").EnumerateArray().ToList();
        var baseHistory = baseConfig.GetProperty("history").EnumerateArray().Select(h => h.GetRawText()).ToList();
        Assert.Equal(baseHistory, history.Take(baseHistory.Count).Select(h => h.GetRawText()));
        Assert.Equal(diffIds.Count, history.Count(h => !h.TryGetProperty("empty_layer", out var empty) || !empty.GetBoolean()));
        Assert.Equal("dotnet image build: COPY publish /app", history.Last(h => !h.TryGetProperty("empty_layer", out _)).GetProperty("created_by").GetString());

        var annotations = manifest.GetProperty("annotations");
        Assert.Equal(DebootstrapRuntimeImage.RuntimeRefName, annotations.GetProperty("org.opencontainers.image.base.name").GetString());
        Assert.Equal(await ManifestDigestAsync(DebootstrapRuntimeImage.RuntimeRefName), annotations.GetProperty("org.opencontainers.image.base.digest").GetString());
    }

    public void Dispose() => temp.Dispose();

    private async Task<string> PublishAppAsync()
    {
        // Globalization is not made invariant in the app: the image's DOTNET_SYSTEM_GLOBALIZATION_INVARIANT must do it.
        var publish = temp.Combine("publish");
        await DotnetHostFiles.PublishAppAsync(
            temp.Path,
            """
            var pretty = File.ReadAllLines("/etc/os-release").First(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            Console.WriteLine("hello from " + pretty["PRETTY_NAME=".Length..].Trim('"') + " in " + Environment.CurrentDirectory);
            """,
            invariantGlobalization: false,
            publish,
            CancellationToken.None);
        return publish;
    }

    /// <summary>The distro's own name for itself, read from the debootstrap tarball rather than written here.</summary>
    private async Task<string> PrettyNameAsync()
    {
        var osRelease = (await ProcessRunner.RunAsync(Tools.Tar.Path, ["-xOf", debian.RootfsTarball, "./usr/lib/os-release"])).EnsureSuccess().StandardOutput;
        return osRelease.Split('\n').Single(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))["PRETTY_NAME=".Length..].Trim('"');
    }

    private async Task<string?> ManifestDigestAsync(string refName)
    {
        var inspect = await InspectJsonAsync(string.Empty, refName);
        return inspect.GetProperty("Digest").GetString();
    }

    private async Task<JsonElement> InspectJsonAsync(string mode, string refName)
    {
        string[] arguments = mode.Length == 0 ? ["inspect", $"oci:{debian.Store}:{refName}"] : ["inspect", mode, $"oci:{debian.Store}:{refName}"];
        var result = (await ProcessRunner.RunAsync(Tools.Skopeo.Path, arguments)).EnsureSuccess();
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.Clone();
    }

    private static List<string?> LayerDigests(JsonElement manifest) =>
        manifest.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()).ToList();
}
