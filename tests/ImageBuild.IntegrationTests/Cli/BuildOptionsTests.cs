using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// The <c>dotnet image build</c> options one by one, on a small busybox base, each judged by what skopeo (an
/// independent reader) sees in the manifest and config, or by what runc runs.
/// </summary>
public sealed class BuildOptionsTests : IDisposable
{
    private const string Base = "docker.io/library/busybox:base";

    private readonly CliStore store = new();
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-build-options");

    [Fact]
    public async Task Zstd_compression_gives_a_zstd_layer_that_skopeo_converts_back_to_a_runnable_image()
    {
        await ImportBaseAsync();
        await BuildAsync(Base, "--compression", "zstd", "--entrypoint", "[\"/bin/cat\",\"/app/hello.txt\"]", "-t", "zstd:1");

        var manifest = await InspectAsync("--raw", "zstd:1");
        var mediaTypes = manifest.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("mediaType").GetString()).ToList();
        Assert.Equal(["application/vnd.oci.image.layer.v1.tar+gzip", "application/vnd.oci.image.layer.v1.tar+zstd"], mediaTypes);

        // umoci 0.4.7 cannot read zstd, so skopeo (which can) converts it to gzip for the run.
        var converted = temp.Combine("converted");
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["copy", "--dest-compress-format", "gzip", $"oci:{store.Root}:docker.io/library/zstd:1", $"oci:{converted}:zstd"]))
            .EnsureSuccess();
        var run = (await RuncRunner.RunAsync(converted, "zstd")).EnsureSuccess();
        Assert.Equal("hello from a layer", run.StandardOutput.Trim());
    }

    [Fact]
    public async Task Semver_tags_expand_to_major_minor_major_and_latest_but_a_prerelease_gets_only_its_own_tag()
    {
        await ImportBaseAsync();
        await BuildAsync(Base, "--semver-tags", "1.4.2", "-t", "semver");
        string[] release = ["docker.io/library/semver:1.4.2", "docker.io/library/semver:1.4", "docker.io/library/semver:1", "docker.io/library/semver:latest"];
        Assert.Equal(release.Order(), (await store.RefNamesAsync()).Where(r => r.Contains("semver", StringComparison.Ordinal)).Order());
        var digest = await store.ManifestDigestAsync(release[0]);
        foreach (var tag in release)
        {
            Assert.Equal(digest, await store.ManifestDigestAsync(tag));
        }

        var ls = await store.OutputAsync("ls", "semver");
        Assert.All(new[] { "1.4.2", "1.4", "1", "latest" }, tag => Assert.Matches($"(?m)^semver +{System.Text.RegularExpressions.Regex.Escape(tag)} ", ls));

        await BuildAsync(Base, "--semver-tags", "2.0.0-rc.1", "-t", "semver", "--label", "release=candidate");
        Assert.Equal(release.Append("docker.io/library/semver:2.0.0-rc.1").Order(), (await store.RefNamesAsync()).Where(r => r.Contains("semver", StringComparison.Ordinal)).Order());
        Assert.Equal(digest, await store.ManifestDigestAsync("docker.io/library/semver:latest"));
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task User_annotation_label_port_and_PATH_append_reach_config_and_manifest()
    {
        await ImportBaseAsync();
        await BuildAsync(
            Base,
            "--user", "1654", "--annotation", "org.example.owner=team-a", "--label", "org.example.tier=web",
            "--port", "8080/tcp", "--port", "53/udp", "--env", "PATH=/app/bin:$PATH", "--env", "MODE=prod", "-t", "opts:1");

        var config = (await InspectAsync("--config", "opts:1")).GetProperty("config");
        Assert.Equal("1654", config.GetProperty("User").GetString());
        Assert.Equal("web", config.GetProperty("Labels").GetProperty("org.example.tier").GetString());
        Assert.Equal(["53/udp", "8080/tcp"], config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).Order());
        var env = config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("PATH=/app/bin:/bin:/usr/bin", env);
        Assert.Contains("MODE=prod", env);
        Assert.Single(env, e => e!.StartsWith("PATH=", StringComparison.Ordinal));

        var annotations = (await InspectAsync("--raw", "opts:1")).GetProperty("annotations");
        Assert.Equal("team-a", annotations.GetProperty("org.example.owner").GetString());
        Assert.Equal(Base, annotations.GetProperty("org.opencontainers.image.base.name").GetString());
    }

    [Fact]
    public async Task Created_is_reproducible_by_default_and_the_clock_with_created_now()
    {
        await ImportBaseAsync();
        await BuildAsync(Base, "-t", "fixed:1");
        await BuildAsync(Base, "-t", "fixed:2");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await BuildAsync(Base, "--created", "now", "-t", "now:1");
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        var fixedCreated = (await InspectAsync("--config", "fixed:1")).GetProperty("created").GetDateTimeOffset();
        Assert.Equal(DateTimeOffset.UnixEpoch, fixedCreated);
        Assert.Equal(await store.ManifestDigestAsync("docker.io/library/fixed:1"), await store.ManifestDigestAsync("docker.io/library/fixed:2"));
        var nowCreated = (await InspectAsync("--config", "now:1")).GetProperty("created").GetDateTimeOffset();
        Assert.InRange(nowCreated, before, after);
        Assert.NotEqual(await store.ManifestDigestAsync("docker.io/library/fixed:1"), await store.ManifestDigestAsync("docker.io/library/now:1"));
    }

    [Fact]
    public async Task Docker_format_uses_docker_media_types_and_still_runs()
    {
        await ImportBaseAsync();
        await BuildAsync(Base, "--format", "docker", "--entrypoint", "[\"/bin/cat\",\"/app/hello.txt\"]", "-t", "docker:1");

        // skopeo 1.9's oci: transport only finds OCI manifests in index.json, so the manifest is read from its blob file.
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(store.BlobPath(await store.ManifestDigestAsync("docker.io/library/docker:1"))));
        Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", manifest.RootElement.GetProperty("mediaType").GetString());
        Assert.Equal("application/vnd.docker.container.image.v1+json", manifest.RootElement.GetProperty("config").GetProperty("mediaType").GetString());
        Assert.All(manifest.RootElement.GetProperty("layers").EnumerateArray(), l => Assert.Equal("application/vnd.docker.image.rootfs.diff.tar.gzip", l.GetProperty("mediaType").GetString()));

        // docker load's format, read back by skopeo into a layout umoci and runc can use.
        var archive = temp.Combine("docker.tar");
        await store.OutputAsync("save", "--format", "docker", "-o", archive, "docker:1");
        var layout = temp.Combine("from-docker-archive");
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["copy", $"docker-archive:{archive}", $"oci:{layout}:docker"])).EnsureSuccess();
        var run = (await RuncRunner.RunAsync(layout, "docker")).EnsureSuccess();
        Assert.Equal("hello from a layer", run.StandardOutput.Trim());
    }

    [Theory]
    [InlineData("oci-archive", "application/vnd.oci.image.manifest.v1+json")]
    // docker-archive carries no manifest; the tool's reader gives its image an OCI one (DockerArchiveImporter).
    [InlineData("docker-archive", "application/vnd.oci.image.manifest.v1+json")]
    public async Task Archive_bases_keep_their_layers_and_format_and_the_result_runs(string transport, string manifestType)
    {
        await ImportBaseAsync();
        var archive = temp.Combine($"base-{transport}.tar");
        var destination = transport == "docker-archive" ? $"{transport}:{archive}:{Base}" : $"{transport}:{archive}";
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["copy", $"oci:{store.Root}:{Base}", destination])).EnsureSuccess();
        var baseLayers = await ArchiveLayerCountAsync($"{transport}:{archive}");

        await BuildAsync($"{transport}:{archive}", "--entrypoint", "[\"/bin/cat\",\"/app/hello.txt\"]", "-t", "fromarchive:1");

        var manifest = await InspectAsync("--raw", "fromarchive:1");
        Assert.Equal(manifestType, manifest.GetProperty("mediaType").GetString());
        Assert.Equal(baseLayers + 1, manifest.GetProperty("layers").GetArrayLength());
        var run = (await RuncRunner.RunAsync(store.Root, "docker.io/library/fromarchive:1")).EnsureSuccess();
        Assert.Equal("hello from a layer", run.StandardOutput.Trim());
        await store.AssertSoundAsync();
    }

    [Fact]
    public async Task A_layer_cache_entry_whose_blob_was_pruned_is_a_miss_and_the_rebuild_writes_the_layer_again()
    {
        await ImportBaseAsync();
        var first = await BuildJsonAsync("-t", "cached:1");
        var layer = Assert.Single(first.GetProperty("images")[0].GetProperty("layers").EnumerateArray()).GetProperty("digest").GetString()!;
        Assert.Equal(1, first.GetProperty("layersWritten").GetInt32());

        (await store.RunAsync("rm", "cached:1")).EnsureSuccess();
        (await store.RunAsync("prune", "--force")).EnsureSuccess();
        Assert.DoesNotContain(layer, store.BlobDigests());
        await store.AssertSoundAsync();

        var second = await BuildJsonAsync("-t", "cached:1");
        Assert.Equal(1, second.GetProperty("layersWritten").GetInt32());
        Assert.Equal(0, second.GetProperty("layersReused").GetInt32());
        Assert.False(Assert.Single(second.GetProperty("images")[0].GetProperty("layers").EnumerateArray()).GetProperty("fromCache").GetBoolean());
        Assert.Equal(first.GetProperty("digest").GetString(), second.GetProperty("digest").GetString());
        Assert.Contains(layer, store.BlobDigests());
        await store.AssertSoundAsync();
    }

    public void Dispose()
    {
        store.Dispose();
        temp.Dispose();
    }

    private async Task ImportBaseAsync()
    {
        await store.ImportBusyboxAsync(Base, DateTimeOffset.UnixEpoch, "ENV PATH=/bin:/usr/bin");
        await File.WriteAllTextAsync(Path.Combine(temp.CreateSubdirectory("app"), "hello.txt"), "hello from a layer\n");
    }

    /// <summary>Builds the folder temp/app (hello.txt) onto <paramref name="from"/> at /app.</summary>
    private async Task BuildAsync(string from, params string[] arguments) =>
        await store.OutputAsync(["build", temp.Combine("app"), "--from", from, .. arguments]);

    private async Task<JsonElement> BuildJsonAsync(params string[] arguments)
    {
        using var document = JsonDocument.Parse(await store.OutputAsync(["build", temp.Combine("app"), "--from", Base, .. arguments, "--json"]));
        return document.RootElement.Clone();
    }

    private async Task<JsonElement> InspectAsync(string mode, string name)
    {
        var result = (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", mode, $"oci:{store.Root}:docker.io/library/{name}"])).EnsureSuccess();
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.Clone();
    }

    private static async Task<int> ArchiveLayerCountAsync(string location)
    {
        var result = (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", "--raw", location])).EnsureSuccess();
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.GetProperty("layers").GetArrayLength();
    }
}
