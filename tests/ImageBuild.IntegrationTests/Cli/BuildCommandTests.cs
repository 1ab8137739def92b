using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// <c>dotnet image build</c> of a real published .NET app onto a .NET runtime base made from this machine's
/// runtime, judged by runc (it runs), skopeo (it reads) and by rebuilding (same digest, layer from the cache).
/// </summary>
public sealed class BuildCommandTests(DotnetRuntimeImage runtime) : IClassFixture<DotnetRuntimeImage>, IDisposable
{
    private const string Entrypoint = "[\"/usr/share/dotnet/dotnet\",\"/app/app.dll\"]";

    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-build");

    [Fact]
    public async Task Published_app_on_the_runtime_base_runs_under_runc()
    {
        var cli = new CliRunner(temp.Combine("store"));

        var build = (await cli.RunAsync(
            ["build", runtime.PublishDirectory, "--from", runtime.BaseLocation, "--workdir", "/app", "--entrypoint", Entrypoint, "--cmd", "[\"one\",\"two\"]",
             "--env", "GREETING=hi", "--label", "org.example.team=builders", "--port", "8080", "-t", "app:1"],
            TimeSpan.FromMinutes(3),
            CancellationToken.None)).EnsureSuccess();

        var lines = build.StandardOutput.Trim().Split('\n');
        Assert.Matches("^docker.io/library/app@sha256:[0-9a-f]{64}$", lines[^1]);
        var run = (await RuncRunner.RunAsync(cli.StoreDirectory, "docker.io/library/app:1")).EnsureSuccess();
        Assert.Equal($"{DotnetRuntimeImage.Greeting}: one,two env=hi", run.StandardOutput.Trim());

        using var config = JsonDocument.Parse((await Skopeo("inspect", "--config", $"oci:{cli.StoreDirectory}:docker.io/library/app:1")).StandardOutput);
        var root = config.RootElement;
        var diffIds = root.GetProperty("rootfs").GetProperty("diff_ids").GetArrayLength();
        var history = root.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, diffIds);
        Assert.Equal(diffIds, history.Count(h => !h.TryGetProperty("empty_layer", out var empty) || !empty.GetBoolean()));
        Assert.Contains(history, h => h.GetProperty("created_by").GetString() == "dotnet image build: COPY publish /app");
        Assert.Equal("/app", root.GetProperty("config").GetProperty("WorkingDir").GetString());
        Assert.Contains("DOTNET_ROOT=/usr/share/dotnet", root.GetProperty("config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
        Assert.True(root.GetProperty("config").GetProperty("ExposedPorts").TryGetProperty("8080/tcp", out _));

        using var manifest = JsonDocument.Parse((await Skopeo("inspect", "--raw", $"oci:{cli.StoreDirectory}:docker.io/library/app:1")).StandardOutput);
        var annotations = manifest.RootElement.GetProperty("annotations");
        Assert.Equal(DotnetRuntimeImage.BaseRefName, annotations.GetProperty("org.opencontainers.image.base.name").GetString());
    }

    [Fact]
    public async Task Same_app_from_other_folders_with_other_mtimes_gives_the_same_digest_and_reuses_the_layer()
    {
        var first = CopyPublish("a", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var second = CopyPublish("b", new DateTime(2024, 6, 1, 12, 30, 0, DateTimeKind.Utc));
        var cli = new CliRunner(temp.Combine("store"));

        var a = await BuildJsonAsync(cli, first);
        var b = await BuildJsonAsync(cli, second);
        var fresh = await BuildJsonAsync(new CliRunner(temp.Combine("other-store")), second);

        Assert.Equal(a.GetProperty("digest").GetString(), b.GetProperty("digest").GetString());
        Assert.Equal(a.GetProperty("digest").GetString(), fresh.GetProperty("digest").GetString());
        Assert.Equal(1, a.GetProperty("layersWritten").GetInt32());
        Assert.Equal(0, b.GetProperty("layersWritten").GetInt32());
        Assert.Equal(1, b.GetProperty("layersReused").GetInt32());
        Assert.Equal(0, b.GetProperty("blobsUploaded").GetInt32());
        Assert.Equal(1, fresh.GetProperty("layersWritten").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "--env", "NOEQUALS" }, 2, "--env \"NOEQUALS\" must be KEY=VALUE")]
    [InlineData(new[] { "-t", "app@sha256:0000000000000000000000000000000000000000000000000000000000000000" }, 2, "a digest is computed from the content")]
    [InlineData(new[] { "--from", "no-such-base:1" }, 1, "No such image: no-such-base:1")]
    [InlineData(new[] { "--output", "tarball:x" }, 2, "unknown output")]
    [InlineData(new[] { "--layer-for", "linux/arm64=" }, 2, "must be PLATFORM=DIR")]
    public async Task Bad_input_fails_with_one_line(string[] arguments, int exitCode, string expected)
    {
        var result = await new CliRunner(temp.Combine("store")).RunAsync(["build", runtime.PublishDirectory, .. arguments], null, CancellationToken.None);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(expected, result.StandardError);
        Assert.Single(result.StandardError.Trim().Split('\n'));
    }

    private async Task<JsonElement> BuildJsonAsync(CliRunner cli, string publish)
    {
        var result = (await cli.RunAsync(
            ["build", publish, "--from", runtime.BaseLocation, "--workdir", "/app", "--entrypoint", Entrypoint, "-t", "same:1", "--json"],
            TimeSpan.FromMinutes(3),
            CancellationToken.None)).EnsureSuccess();
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.Clone();
    }

    private string CopyPublish(string parent, DateTime mtime)
    {
        var target = temp.Combine(parent, "publish");
        foreach (var file in Directory.EnumerateFiles(runtime.PublishDirectory, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(runtime.PublishDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            File.SetLastWriteTimeUtc(destination, mtime);
        }

        return target;
    }

    private static async Task<ProcessResult> Skopeo(params string[] arguments) =>
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, arguments)).EnsureSuccess();

    public void Dispose() => temp.Dispose();
}
