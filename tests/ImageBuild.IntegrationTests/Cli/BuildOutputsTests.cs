using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// Build outputs other than the store, append, mutate and two-platform builds, on a busybox base:
/// skopeo reads every output form and runc runs the results.
/// </summary>
public sealed class BuildOutputsTests : IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-build-outputs");

    [Fact]
    public async Task Every_output_form_is_read_by_skopeo_and_the_layout_runs()
    {
        var cli = await StoreWithBusyboxAsync();
        var app = Script("app", "echo from every output");
        var layout = temp.Combine("layout");
        var ociArchive = temp.Combine("image.oci.tar");
        var dockerArchive = temp.Combine("image.docker.tar");

        var build = (await cli.RunAsync(
            "build", app, "--from", "bb:1", "--entrypoint", "[\"/bin/sh\",\"/app/run.sh\"]", "-t", "example.com/out/app:2",
            "--output", "oci:" + layout, "--output", "oci-archive:" + ociArchive, "--output", "docker-archive:" + dockerArchive,
            "--digest-file", temp.Combine("digest"))).EnsureSuccess();

        var digest = await File.ReadAllTextAsync(temp.Combine("digest"));
        Assert.EndsWith("example.com/out/app@" + digest, build.StandardOutput.Trim());
        foreach (var location in new[] { $"oci:{layout}:example.com/out/app:2", $"oci-archive:{ociArchive}", $"docker-archive:{dockerArchive}" })
        {
            using var config = JsonDocument.Parse((await Skopeo("inspect", "--config", location)).StandardOutput);
            Assert.Equal(2, config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").GetArrayLength());
        }

        Assert.Equal(digest, (await Skopeo("inspect", "--format", "{{.Digest}}", $"oci-archive:{ociArchive}")).StandardOutput.Trim());
        Assert.DoesNotContain("example.com/out/app", await File.ReadAllTextAsync(Path.Combine(cli.StoreDirectory, "index.json")));
        var run = (await RuncRunner.RunAsync(layout, "example.com/out/app:2")).EnsureSuccess();
        Assert.Equal("from every output", run.StandardOutput.Trim());
    }

    [Fact]
    public async Task Append_a_tar_and_mutate_the_config_then_both_run()
    {
        var cli = await StoreWithBusyboxAsync();
        var files = Script("files", "echo appended");
        var tar = temp.Combine("layer.tar.gz");
        (await ProcessRunner.RunAsync(Tools.Tar.Path, ["-czf", tar, "-C", files, "."])).EnsureSuccess();

        (await cli.RunAsync("append", "bb:1", "--layer", tar, "-t", "appended:1")).EnsureSuccess();
        Assert.Equal("appended", (await RuncRunner.RunAsync(cli.StoreDirectory, "docker.io/library/appended:1", ["/bin/sh", "/run.sh"])).EnsureSuccess().StandardOutput.Trim());

        (await cli.RunAsync("mutate", "appended:1", "--entrypoint", "[\"/bin/sh\",\"-c\",\"echo $GREETING\"]", "--env", "GREETING=mutated", "-t", "mutated:1")).EnsureSuccess();
        Assert.Equal("mutated", (await RuncRunner.RunAsync(cli.StoreDirectory, "docker.io/library/mutated:1")).EnsureSuccess().StandardOutput.Trim());

        using var appended = JsonDocument.Parse((await Skopeo("inspect", "--config", $"oci:{cli.StoreDirectory}:docker.io/library/appended:1")).StandardOutput);
        using var mutated = JsonDocument.Parse((await Skopeo("inspect", "--config", $"oci:{cli.StoreDirectory}:docker.io/library/mutated:1")).StandardOutput);
        Assert.Equal(
            appended.RootElement.GetProperty("rootfs").GetRawText(),
            mutated.RootElement.GetProperty("rootfs").GetRawText());
    }

    [Fact]
    public async Task Two_platform_build_makes_an_index_whose_amd64_image_runs()
    {
        var cli = new CliRunner(temp.Combine("store"));
        var rootfs = await BusyboxRootfs.GetAsync();
        var common = Script("common", "echo two platforms");
        var arm = temp.CreateSubdirectory("arm64");
        await File.WriteAllTextAsync(Path.Combine(arm, "arm64-only.txt"), "not runnable here");

        (await cli.RunAsync(
            "build", "--from", "scratch", "--platform", "linux/amd64,linux/arm64", "--workdir", "/",
            "--layer", common + ":/app", "--layer-for", "linux/amd64=" + rootfs, "--layer-for", "linux/arm64=" + arm,
            "--entrypoint", "[\"/bin/sh\",\"/app/run.sh\"]", "-t", "multi:1")).EnsureSuccess();

        var location = $"oci:{cli.StoreDirectory}:docker.io/library/multi:1";
        using var index = JsonDocument.Parse((await Skopeo("inspect", "--raw", location)).StandardOutput);
        Assert.Equal("application/vnd.oci.image.index.v1+json", index.RootElement.GetProperty("mediaType").GetString());
        var platforms = index.RootElement.GetProperty("manifests").EnumerateArray().Select(m => m.GetProperty("platform").GetProperty("architecture").GetString()).ToList();
        Assert.Equal(["amd64", "arm64"], platforms);

        // --raw shows the index whatever the override; plain inspect resolves the arm64 manifest.
        using var armImage = JsonDocument.Parse((await Skopeo("--override-arch", "arm64", "--override-variant", "v8", "inspect", location)).StandardOutput);
        Assert.Equal("arm64", armImage.RootElement.GetProperty("Architecture").GetString());
        Assert.Equal(2, armImage.RootElement.GetProperty("Layers").GetArrayLength());
        using var armConfig = JsonDocument.Parse((await Skopeo("--override-arch", "arm64", "--override-variant", "v8", "inspect", "--config", location)).StandardOutput);
        Assert.Equal("arm64", armConfig.RootElement.GetProperty("architecture").GetString());

        var amd64 = temp.Combine("amd64");
        await Skopeo("--override-arch", "amd64", "copy", location, $"oci:{amd64}:run");
        Assert.Equal("two platforms", (await RuncRunner.RunAsync(amd64, "run")).EnsureSuccess().StandardOutput.Trim());
    }

    [Fact]
    public async Task Manifest_create_joins_single_platform_images_into_an_index_that_runs()
    {
        var cli = await StoreWithBusyboxAsync();
        (await cli.RunAsync("build", Script("app", "echo from the index"), "--from", "bb:1", "--entrypoint", "[\"/bin/sh\",\"/app/run.sh\"]", "-t", "single:amd64")).EnsureSuccess();
        (await cli.RunAsync("build", "--from", "scratch", "--platform", "linux/arm64", "--layer", Script("arm", "echo arm") + ":/app", "-t", "single:arm64")).EnsureSuccess();

        var create = (await cli.RunAsync("manifest", "create", "joined:1", "single:amd64", "single:arm64")).EnsureSuccess();

        var location = $"oci:{cli.StoreDirectory}:docker.io/library/joined:1";
        using var index = JsonDocument.Parse((await Skopeo("inspect", "--raw", location)).StandardOutput);
        Assert.Equal(
            ["linux/amd64", "linux/arm64"],
            index.RootElement.GetProperty("manifests").EnumerateArray().Select(m => m.GetProperty("platform").GetProperty("os").GetString() + "/" + m.GetProperty("platform").GetProperty("architecture").GetString()));
        Assert.Equal(create.StandardOutput.Trim(), (await LayoutIndex.FindAsync(cli.StoreDirectory, "docker.io/library/joined:1")).Digest.ToString());
        var amd64 = temp.Combine("amd64");
        await Skopeo("--override-arch", "amd64", "copy", location, $"oci:{amd64}:run");
        Assert.Equal("from the index", (await RuncRunner.RunAsync(amd64, "run")).EnsureSuccess().StandardOutput.Trim());
    }

    [Fact]
    public async Task A_named_layout_output_is_replaced_by_the_next_build_as_copy_replaces_it()
    {
        var cli = await StoreWithBusyboxAsync();
        var layout = temp.Combine("layout");

        (await cli.RunAsync("build", Script("first", "echo first"), "--from", "bb:1", "-o", $"oci:{layout}:app")).EnsureSuccess();
        (await cli.RunAsync("build", Script("second", "echo second"), "--from", "bb:1", "-o", $"oci:{layout}:app")).EnsureSuccess();
        (await cli.RunAsync("copy", "store:bb:1", $"oci:{layout}:base")).EnsureSuccess();
        (await cli.RunAsync("copy", "store:bb:1", $"oci:{layout}:base")).EnsureSuccess();

        Assert.Equal(["app", "base"], (await LayoutIndex.NamesAsync(layout)).Order());
        Assert.Equal("second", (await RuncRunner.RunAsync(layout, "app", ["/bin/sh", "/app/run.sh"])).EnsureSuccess().StandardOutput.Trim());
    }

    [Fact]
    public async Task A_store_location_output_names_the_image_itself_and_the_tags_go_to_other_outputs()
    {
        var cli = await StoreWithBusyboxAsync();
        var layout = temp.Combine("tagged-layout");

        (await cli.RunAsync(
            "build", Script("app", "echo named"), "--from", "bb:1", "-t", "example.com/app:1", "-t", "example.com/app:latest",
            "-o", "store:custom/name:7", "-o", "oci:" + layout)).EnsureSuccess();

        var stored = await cli.RunAsync("ls", "--format", "{{.Repository}}:{{.Tag}}");
        Assert.Equal(["bb:1", "custom/name:7"], stored.EnsureSuccess().StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
        Assert.Equal(["example.com/app:1", "example.com/app:latest"], (await LayoutIndex.NamesAsync(layout)).Order());
    }

    private async Task<CliRunner> StoreWithBusyboxAsync()
    {
        var cli = new CliRunner(temp.Combine("store"));
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), "bb:1")).EnsureSuccess();
        return cli;
    }

    private string Script(string name, string line)
    {
        var directory = temp.CreateSubdirectory(name);
        File.WriteAllText(Path.Combine(directory, "run.sh"), line + "\n");
        return directory;
    }

    private static async Task<ProcessResult> Skopeo(params string[] arguments) =>
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, arguments)).EnsureSuccess();

    public void Dispose() => temp.Dispose();
}
