using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// <c>rebase</c> in a registry: an app built on base tag B1 is moved onto B2 (B1 with its top layer changed) once the
/// tag moves, as CI would: <c>--check</c> says 0 then 3, the rebase keeps the app layers' digests, uploads only the new
/// base layer, the config and the manifest (nothing is downloaded but manifests and configs), and the result runs
/// under runc and docker.
/// </summary>
[Collection(DockerDaemonCollection.Name)]
public sealed class RebaseCommandTests(DockerDaemonFixture daemon) : IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-rebase");

    [Fact]
    public async Task App_on_a_moved_base_tag_is_rebased_in_the_registry_uploading_only_the_new_base_layer_and_runs()
    {
        await using var registry = await RegistryFixture.StartAsync();
        var seed = new CliRunner(temp.Combine("seed-store"));
        (await seed.RunAsync("import", await BusyboxRootfs.GetAsync(), "bb:1")).EnsureSuccess();
        var stable = $"{registry.Host}/base/runtime:stable";
        await PushBaseAsync(seed, "1", $"{registry.Host}/base/runtime:b1", stable);
        await PushBaseAsync(seed, "2", $"{registry.Host}/base/runtime:b2");

        var app = temp.CreateSubdirectory("app");
        await File.WriteAllTextAsync(Path.Combine(app, "run.sh"), "echo \"base $(cat /etc/base/version), app 1\"\n");
        var image = $"{registry.Host}/team/app:1";
        var cli = new CliRunner(temp.Combine("ci-store"));
        (await cli.RunAsync("build", app, "--from", stable, "--entrypoint", "[\"/bin/sh\",\"/app/run.sh\"]", "-t", image, "--push")).EnsureSuccess();
        var before = await InspectAsync(image);

        var upToDate = (await cli.RunAsync("rebase", "--check", image)).EnsureExitCode(0);
        Assert.StartsWith("up to date:", upToDate.StandardOutput);
        (await cli.RunAsync("tag", "--remote", $"{registry.Host}/base/runtime:b2", stable)).EnsureSuccess();
        var moved = (await cli.RunAsync("rebase", "--check", image)).EnsureExitCode(3);
        Assert.StartsWith("rebase available:", moved.StandardOutput);

        var b1 = await InspectAsync($"{registry.Host}/base/runtime:b1");
        var b2 = await InspectAsync($"{registry.Host}/base/runtime:b2");
        var rebasedRef = $"{registry.Host}/team/app:1-rebased";
        var requestsBefore = registry.Requests().Count;
        var rebase = (await cli.RunAsync("rebase", image, "-t", rebasedRef)).EnsureSuccess();
        var requests = registry.Requests().Skip(requestsBefore).ToList();

        var after = await InspectAsync(rebasedRef);
        Assert.Equal($"{registry.Host}/team/app@{after.Digest}", rebase.StandardOutput.Trim());
        var appLayers = before.Layers.Skip(b1.Layers.Count).ToList();
        Assert.Single(appLayers);
        Assert.Equal([.. b2.Layers, .. appLayers], after.Layers);
        var newBaseLayer = b2.Layers.Except(b1.Layers).Single();

        // Only manifests and configs were read; only the new base layer, the config and the manifest were written.
        Assert.DoesNotContain(requests, r => r.Method == "GET" && r.Target.Contains("/blobs/", StringComparison.Ordinal) && !new[] { before.Config, b1.Config, b2.Config }.Any(c => r.Target.EndsWith(c, StringComparison.Ordinal)));
        var written = requests.Where(r => r.Target.StartsWith("/v2/team/app/blobs/uploads/", StringComparison.Ordinal) && r.Status == 201)
            .Select(r => Uri.UnescapeDataString(r.Target))
            .Select(t => t.Contains("mount=", StringComparison.Ordinal) ? t.Split("mount=")[1].Split('&')[0] : t.Split("digest=")[1].Split('&')[0])
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(new[] { newBaseLayer, after.Config }.Order(StringComparer.Ordinal), written);
        Assert.Equal(
            [$"/v2/team/app/manifests/{after.Digest}", "/v2/team/app/manifests/1-rebased"],
            requests.Where(r => r.Method == "PUT" && r.Target.Contains("/manifests/", StringComparison.Ordinal)).Select(r => r.Target));

        // The rebased image records its new base, and runs on it.
        Assert.StartsWith("up to date:", (await cli.RunAsync("rebase", "--check", rebasedRef)).EnsureExitCode(0).StandardOutput);
        var layout = temp.Combine("pulled");
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["copy", "--src-tls-verify=false", $"docker://{rebasedRef}", $"oci:{layout}:run"])).EnsureSuccess();
        Assert.Equal("base 2, app 1", (await RuncRunner.RunAsync(layout, "run")).EnsureSuccess().StandardOutput.Trim());
        await daemon.DockerOutputAsync("pull", rebasedRef);
        Assert.Equal("base 2, app 1\n", await daemon.DockerOutputAsync("run", "--rm", "--network", "none", rebasedRef));
        await daemon.DockerOutputAsync("rmi", rebasedRef);
    }

    [Fact]
    public async Task Rebase_refuses_an_image_not_built_on_the_old_base_and_a_base_of_another_architecture()
    {
        var cli = new CliRunner(temp.Combine("refuse-store"));
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), "bb:1")).EnsureSuccess();
        var version = temp.CreateSubdirectory("v");
        await File.WriteAllTextAsync(Path.Combine(version, "version"), "1\n");
        (await cli.RunAsync("build", "--from", "bb:1", "--layer", version + ":/etc/base", "-t", "base:1")).EnsureSuccess();
        (await cli.RunAsync("build", "--from", "scratch", "--layer", version + ":/etc/base", "-t", "other:1")).EnsureSuccess();
        (await cli.RunAsync("build", "--from", "scratch", "--platform", "linux/arm64", "--layer", version + ":/etc/base", "-t", "arm:1")).EnsureSuccess();
        (await cli.RunAsync("build", "--from", "base:1", "--label", "app=1", "-t", "app:1")).EnsureSuccess();

        var notOnIt = await cli.RunAsync("rebase", "app:1", "--old-base", "other:1", "--new-base", "base:1", "-t", "app:2");
        Assert.Equal(1, notOnIt.ExitCode);
        Assert.Contains("was not built on the old base", notOnIt.StandardError);
        var otherArch = await cli.RunAsync("rebase", "app:1", "--new-base", "arm:1", "-t", "app:2");
        Assert.Equal(1, otherArch.ExitCode);
        Assert.Contains("has no image for its OS and architecture", otherArch.StandardError);
        Assert.Empty((await cli.RunAsync("ls", "-q", "app:2")).EnsureSuccess().StandardOutput.Trim());

        // A store image is rebased in the store; no tag keeps the old name unless given.
        (await cli.RunAsync("rebase", "app:1", "--new-base", "other:1", "-t", "app:2")).EnsureSuccess();
        Assert.NotEmpty((await cli.RunAsync("ls", "-q", "app:2")).EnsureSuccess().StandardOutput.Trim());
    }

    private async Task PushBaseAsync(CliRunner cli, string version, params string[] tags)
    {
        var folder = temp.CreateSubdirectory("base-" + version);
        await File.WriteAllTextAsync(Path.Combine(folder, "version"), version + "\n");
        (await cli.RunAsync(["build", "--from", "bb:1", "--layer", folder + ":/etc/base", .. tags.SelectMany(t => new[] { "-t", t }), "--push"])).EnsureSuccess();
    }

    private static async Task<(string Digest, string Config, IReadOnlyList<string> Layers)> InspectAsync(string reference)
    {
        var raw = (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", "--raw", "--tls-verify=false", $"docker://{reference}"])).EnsureSuccess().StandardOutput;
        using var manifest = JsonDocument.Parse(raw);
        return (
            ImageBuild.Oci.Digest.Compute(System.Text.Encoding.UTF8.GetBytes(raw.TrimEnd('\n'))).ToString(),
            manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!,
            manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!).ToList());
    }

    public void Dispose() => temp.Dispose();
}
