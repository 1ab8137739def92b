using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// <c>dotnet image build --push</c> on a base that lives in the same registry: the base's layers are
/// mounted into the new repository, never downloaded, and skopeo reads the pushed image.
/// </summary>
public sealed class BuildPushTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-build-push");

    [Fact]
    public async Task Manifest_create_then_manifest_push_puts_the_index_and_its_images_in_the_registry()
    {
        var cli = new CliRunner(temp.Combine("index-store"));
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), "bb:1")).EnsureSuccess();
        var app = temp.CreateSubdirectory("index-app");
        await File.WriteAllTextAsync(Path.Combine(app, "run.sh"), "echo from the pushed index\n");
        (await cli.RunAsync("build", app, "--from", "bb:1", "--entrypoint", "[\"/bin/sh\",\"/app/run.sh\"]", "-t", "single:amd64")).EnsureSuccess();
        (await cli.RunAsync("build", "--from", "scratch", "--platform", "linux/arm64", "--layer", app + ":/app", "-t", "single:arm64")).EnsureSuccess();
        var indexRef = $"{registry.Host}/multi/app:1";
        var created = (await cli.RunAsync("manifest", "create", indexRef, "single:amd64", "single:arm64")).EnsureSuccess().StandardOutput.Trim();

        var pushed = (await cli.RunAsync("manifest", "push", indexRef)).EnsureSuccess();

        Assert.Equal($"{registry.Host}/multi/app@{created}", pushed.StandardOutput.Trim());
        var raw = (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", "--raw", "--tls-verify=false", $"docker://{indexRef}"])).EnsureSuccess();
        Assert.Equal(created, ImageBuild.Oci.Digest.Compute(System.Text.Encoding.UTF8.GetBytes(raw.StandardOutput.TrimEnd('\n'))).ToString());
        var pulled = temp.Combine("pulled");
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["--override-arch", "amd64", "copy", "--src-tls-verify=false", $"docker://{indexRef}", $"oci:{pulled}:run"])).EnsureSuccess();
        Assert.Equal("from the pushed index", (await RuncRunner.RunAsync(pulled, "run")).EnsureSuccess().StandardOutput.Trim());
    }

    [Fact]
    public async Task Build_on_a_registry_base_pushes_without_downloading_base_layers()
    {
        var seed = new CliRunner(temp.Combine("seed-store"));
        var baseRef = $"{registry.Host}/base/bb:1";
        (await seed.RunAsync("import", await BusyboxRootfs.GetAsync(), baseRef)).EnsureSuccess();
        (await seed.RunAsync("push", baseRef)).EnsureSuccess();
        var app = temp.CreateSubdirectory("app");
        await File.WriteAllTextAsync(Path.Combine(app, "run.sh"), "echo pushed\n");

        var before = registry.Requests().Count;
        var cli = new CliRunner(temp.Combine("fresh-store"));
        var build = (await cli.RunAsync(
            "build", app, "--from", baseRef, "--entrypoint", "[\"/bin/sh\",\"/app/run.sh\"]",
            "-t", $"{registry.Host}/team/app:1", "-t", $"{registry.Host}/team/app:latest", "--push", "--json")).EnsureSuccess();

        using var result = JsonDocument.Parse(build.StandardOutput);
        var root = result.RootElement;
        Assert.Equal(1, root.GetProperty("blobsMounted").GetInt32());
        Assert.Equal(DigestOf(baseRef), root.GetProperty("baseDigest").GetString());
        var requests = registry.Requests().Skip(before).ToList();
        foreach (var layer in BaseLayers(baseRef))
        {
            Assert.DoesNotContain(requests, r => r.Method == "GET" && r.Target.EndsWith("/blobs/" + layer, StringComparison.Ordinal));
        }

        Assert.Contains(requests, r => r.Method == "POST" && r.Target.Contains("mount=", StringComparison.Ordinal) && r.Status == 201);

        var digest = root.GetProperty("digest").GetString();
        foreach (var tag in new[] { "1", "latest" })
        {
            var inspected = (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", "--tls-verify=false", "--format", "{{.Digest}}", $"docker://{registry.Host}/team/app:{tag}"])).EnsureSuccess();
            Assert.Equal(digest, inspected.StandardOutput.Trim());
        }

        var layout = temp.Combine("pulled");
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["copy", "--src-tls-verify=false", $"docker://{registry.Host}/team/app:1", $"oci:{layout}:run"])).EnsureSuccess();
        Assert.Equal("pushed", (await RuncRunner.RunAsync(layout, "run")).EnsureSuccess().StandardOutput.Trim());

        static IEnumerable<string> BaseLayers(string reference)
        {
            var raw = ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", "--tls-verify=false", "--raw", "docker://" + reference]).GetAwaiter().GetResult().EnsureSuccess();
            using var manifest = JsonDocument.Parse(raw.StandardOutput);
            return manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!).ToList();
        }

        string DigestOf(string reference) =>
            ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", "--tls-verify=false", "--format", "{{.Digest}}", "docker://" + reference]).GetAwaiter().GetResult().EnsureSuccess().StandardOutput.Trim();
    }

    public void Dispose() => temp.Dispose();
}
