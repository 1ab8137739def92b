using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;

namespace ImageBuild.IntegrationTests.Transfers;

/// <summary>
/// <c>push</c>, <c>pull</c>, remote <c>tag</c> and <c>copy</c> end to end against a real registry, with skopeo, umoci
/// and runc as the independent judges of what was pushed and the independent source of what is pulled.
/// </summary>
public sealed class TransferCommandTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-transfers");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Pushed_image_is_pulled_by_skopeo_and_runs_and_a_second_push_uploads_nothing()
    {
        var cli = await ImportedAsync("store", $"{registry.Host}/pushed:1.0");
        var digestFile = temp.Combine("digest.txt");

        var push = (await cli.RunAsync("push", $"{registry.Host}/pushed:1.0", "--digest-file", digestFile)).EnsureSuccess();

        var pushed = push.StandardOutput.Trim();
        Assert.Matches($"^{Escape(registry.Host)}/pushed@sha256:[0-9a-f]{{64}}$", pushed);
        Assert.Equal(pushed + "\n", await File.ReadAllTextAsync(digestFile));
        Assert.Contains(": Pushed", push.StandardError);
        Assert.Contains($"1.0: digest: {pushed.Split('@')[1]} size: ", push.StandardError);

        var layout = temp.Combine("skopeo");
        await SkopeoAsync("copy", "--src-tls-verify=false", $"docker://{registry.Host}/pushed:1.0", $"oci:{layout}:1.0");
        Assert.Equal(pushed.Split('@')[1], (await LayoutIndex.FindAsync(layout, "1.0")).Digest.ToString());
        var run = (await RuncRunner.RunAsync(layout, "1.0")).EnsureSuccess();
        Assert.Equal("pushed", run.StandardOutput.Trim());

        var before = registry.Requests().Count;
        var again = (await cli.RunAsync("push", $"{registry.Host}/pushed:1.0")).EnsureSuccess();
        Assert.Equal(pushed, again.StandardOutput.Trim());
        Assert.Contains("Layer already exists", again.StandardError);
        Assert.DoesNotContain(registry.Requests().Skip(before), r => r.Target.Contains("/blobs/uploads", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Push_to_another_repository_of_the_registry_mounts_the_blobs()
    {
        var cli = await ImportedAsync("store", $"{registry.Host}/mount-a:1");
        (await cli.RunAsync("tag", $"{registry.Host}/mount-a:1", $"{registry.Host}/team/mount-b:1")).EnsureSuccess();
        (await cli.RunAsync("push", $"{registry.Host}/mount-a:1")).EnsureSuccess();

        var before = registry.Requests().Count;
        var push = (await cli.RunAsync("push", $"{registry.Host}/team/mount-b:1")).EnsureSuccess();

        var requests = registry.Requests().Skip(before).ToList();
        Assert.Contains(requests, r => r is { Method: "POST", Status: 201 } && r.Target.Contains("mount=", StringComparison.Ordinal) && r.Target.Contains("from=mount-a", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.Method is "PATCH" || (r.Method == "PUT" && r.Target.Contains("/blobs/uploads", StringComparison.Ordinal)));
        Assert.Contains("Mounted from mount-a", push.StandardError);
    }

    [Fact]
    public async Task Image_pushed_by_skopeo_is_pulled_with_its_digest_then_is_up_to_date_and_pulls_by_digest()
    {
        var layout = temp.Combine("umoci");
        var image = await BusyboxImage.CreateLayoutAsync(layout, "1");
        var digestFile = temp.Combine("skopeo-digest");
        await SkopeoAsync("copy", "--dest-tls-verify=false", "--digestfile", digestFile, $"oci:{layout}:1", $"docker://{registry.Host}/from-skopeo:1");
        var digest = (await File.ReadAllTextAsync(digestFile)).Trim();
        Assert.Equal(image.Digest.ToString(), digest);
        var cli = new CliRunner(temp.Combine("store"));

        var pull = (await cli.RunAsync("pull", $"{registry.Host}/from-skopeo:1")).EnsureSuccess();

        Assert.Equal($"{registry.Host}/from-skopeo:1", pull.StandardOutput.Trim());
        Assert.Contains("1: Pulling from from-skopeo", pull.StandardError);
        Assert.Contains("Pull complete", pull.StandardError);
        Assert.Contains($"Digest: {digest}", pull.StandardError);
        Assert.Contains($"Status: Downloaded newer image for {registry.Host}/from-skopeo:1", pull.StandardError);
        Assert.Equal(digest, (await LayoutIndex.FindAsync(cli.StoreDirectory, $"{registry.Host}/from-skopeo:1")).Digest.ToString());

        var before = registry.Requests().Count;
        var again = (await cli.RunAsync("pull", $"{registry.Host}/from-skopeo:1")).EnsureSuccess();
        Assert.Contains($"Status: Image is up to date for {registry.Host}/from-skopeo:1", again.StandardError);
        Assert.Contains("Already exists", again.StandardError);
        Assert.DoesNotContain(registry.Requests().Skip(before), r => r.Method == "GET" && r.Target.Contains("/blobs/", StringComparison.Ordinal));

        var byDigest = (await cli.RunAsync("pull", $"{registry.Host}/from-skopeo@{digest}")).EnsureSuccess();
        Assert.Equal($"{registry.Host}/from-skopeo@{digest}", byDigest.StandardOutput.Trim());
        var rows = (await cli.RunAsync("images", "--digests", "--format", "{{.Repository}} {{.Tag}} {{.Digest}}")).EnsureSuccess();
        // As docker shows it (SideBySide tests compare): the digest joins the tagged row, no <none> row of its own.
        Assert.Equal([$"{registry.Host}/from-skopeo 1 {digest}"], rows.StandardOutput.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
    }

    [Fact]
    public async Task Two_platform_index_pushed_by_skopeo_pulls_one_platform_or_all_with_the_same_digests()
    {
        var source = await TwoPlatformLayout.CreateAsync(temp.Combine("multi"), "multi");
        await SkopeoAsync("copy", "--all", "--dest-tls-verify=false", $"oci:{source.Path}:multi", $"docker://{registry.Host}/multi:1");
        var name = $"{registry.Host}/multi:1";

        var amd64 = new CliRunner(temp.Combine("amd64"));
        var pull = (await amd64.RunAsync("pull", "--platform", "linux/amd64", name)).EnsureSuccess();
        Assert.Contains($"Digest: {source.Index.Digest}", pull.StandardError);
        Assert.Equal(source.Amd64.Digest, (await LayoutIndex.FindAsync(amd64.StoreDirectory, name)).Digest);
        var inspect = (await amd64.RunAsync("inspect", name)).EnsureSuccess();
        using (var json = JsonDocument.Parse(inspect.StandardOutput))
        {
            Assert.Contains($"{registry.Host}/multi@{source.Index.Digest}", json.RootElement[0].GetProperty("RepoDigests").EnumerateArray().Select(e => e.GetString()));
        }

        var arm64 = new CliRunner(temp.Combine("arm64"));
        (await arm64.RunAsync("pull", "--platform", "linux/arm64", name)).EnsureSuccess();
        Assert.Equal(source.Arm64.Digest, (await LayoutIndex.FindAsync(arm64.StoreDirectory, name)).Digest);

        var all = new CliRunner(temp.Combine("all"));
        (await all.RunAsync("pull", "--all-platforms", name)).EnsureSuccess();
        Assert.Equal(source.Index.Digest, (await LayoutIndex.FindAsync(all.StoreDirectory, name)).Digest);
        var copied = temp.Combine("copied");
        await SkopeoAsync("copy", "--all", $"oci:{all.StoreDirectory}:{name}", $"oci:{copied}:back");
        Assert.Equal(source.Index.Digest, (await LayoutIndex.FindAsync(copied, "back")).Digest);
    }

    [Fact]
    public async Task Remote_tag_in_the_same_repository_makes_no_blob_request_and_mounts_into_another()
    {
        var cli = await ImportedAsync("store", $"{registry.Host}/promote:build");
        var pushed = (await cli.RunAsync("push", $"{registry.Host}/promote:build")).EnsureSuccess().StandardOutput.Trim();
        var digest = pushed.Split('@')[1];
        var fresh = new CliRunner(temp.Combine("fresh"));

        var before = registry.Requests().Count;
        (await fresh.RunAsync("tag", $"{registry.Host}/promote:build", $"{registry.Host}/promote:1.4.2", $"{registry.Host}/promote:latest")).EnsureSuccess();
        var requests = registry.Requests().Skip(before).ToList();
        Assert.DoesNotContain(requests, r => r.Target.Contains("/blobs/", StringComparison.Ordinal));
        Assert.Single(requests, r => r.Method == "GET" && r.Target.Contains("/manifests/", StringComparison.Ordinal));
        Assert.Equal(digest, await SkopeoDigestAsync($"{registry.Host}/promote:1.4.2"));
        Assert.Equal(digest, await SkopeoDigestAsync($"{registry.Host}/promote:latest"));
        Assert.False(File.Exists(Path.Combine(fresh.StoreDirectory, "index.json")) && (await File.ReadAllTextAsync(Path.Combine(fresh.StoreDirectory, "index.json"))).Contains("promote", StringComparison.Ordinal));

        before = registry.Requests().Count;
        (await fresh.RunAsync("tag", "--remote", $"{registry.Host}/promote:build", $"{registry.Host}/released/promote:1.4")).EnsureSuccess();
        requests = registry.Requests().Skip(before).ToList();
        Assert.DoesNotContain(requests, r => r.Method == "GET" && r.Target.Contains("/blobs/", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Target.Contains("mount=", StringComparison.Ordinal) && r.Status == 201);
        Assert.Equal(digest, await SkopeoDigestAsync($"{registry.Host}/released/promote:1.4"));
    }

    [Fact]
    public async Task Remote_tag_into_another_registry_copies_the_image()
    {
        await using var other = await RegistryFixture.StartAsync();
        var cli = await ImportedAsync("store", $"{registry.Host}/crossing:1");
        var digest = (await cli.RunAsync("push", $"{registry.Host}/crossing:1")).EnsureSuccess().StandardOutput.Trim().Split('@')[1];

        (await new CliRunner(temp.Combine("fresh")).RunAsync("tag", $"{registry.Host}/crossing:1", $"{other.Host}/crossed:2")).EnsureSuccess();

        Assert.Equal(digest, await SkopeoDigestAsync($"{other.Host}/crossed:2"));
        var layout = temp.Combine("check");
        await SkopeoAsync("copy", "--src-tls-verify=false", $"docker://{other.Host}/crossed:2", $"oci:{layout}:2");
        Assert.Equal("pushed", (await RuncRunner.RunAsync(layout, "2")).EnsureSuccess().StandardOutput.Trim());
    }

    [Fact]
    public async Task Copy_from_registry_to_a_layout_and_back_keeps_the_index_digest()
    {
        var source = await TwoPlatformLayout.CreateAsync(temp.Combine("multi"), "multi");
        await SkopeoAsync("copy", "--all", "--dest-tls-verify=false", $"oci:{source.Path}:multi", $"docker://{registry.Host}/copy-src:1");
        var cli = new CliRunner(temp.Combine("store"));
        var layout = temp.Combine("layout");

        var toLayout = (await cli.RunAsync("copy", "--all-platforms", $"{registry.Host}/copy-src:1", $"oci:{layout}:kept")).EnsureSuccess();
        Assert.Equal(source.Index.Digest.ToString(), toLayout.StandardOutput.Trim());
        Assert.Equal(source.Index.Digest, (await LayoutIndex.FindAsync(layout, "kept")).Digest);

        var back = (await cli.RunAsync("copy", "--all-platforms", $"oci:{layout}:kept", $"docker://{registry.Host}/copy-dst:1")).EnsureSuccess();
        Assert.Equal(source.Index.Digest.ToString(), back.StandardOutput.Trim());
        Assert.Equal(source.Index.Digest.ToString(), await SkopeoDigestAsync($"{registry.Host}/copy-dst:1"));

        var single = temp.Combine("single");
        (await cli.RunAsync("copy", "--platform", "linux/arm64", $"{registry.Host}/copy-src:1", $"oci:{single}:arm")).EnsureSuccess();
        Assert.Equal(source.Arm64.Digest, (await LayoutIndex.FindAsync(single, "arm")).Digest);
    }

    [Fact]
    public async Task Pulling_a_missing_tag_fails_with_the_registry_answer()
    {
        var cli = await ImportedAsync("store", $"{registry.Host}/missing:present");
        (await cli.RunAsync("push", $"{registry.Host}/missing:present")).EnsureSuccess();

        var result = await new CliRunner(temp.Combine("fresh")).RunAsync("pull", $"{registry.Host}/missing:absent");

        Assert.Equal(1, result.ExitCode);
        var error = result.StandardError.Trim().Split('\n')[^1];
        Assert.Equal($"error: manifest for {registry.Host}/missing:absent not found: the tag does not exist; list tags with 'dotnet image tags {registry.Host}/missing'", error);
    }

    private async Task<CliRunner> ImportedAsync(string store, string reference)
    {
        var cli = new CliRunner(temp.Combine(store));
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), reference, "--change", "CMD [\"/bin/echo\",\"pushed\"]")).EnsureSuccess();
        return cli;
    }

    private static async Task<ProcessResult> SkopeoAsync(params string[] arguments) =>
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, arguments)).EnsureSuccess();

    /// <summary>The digest of what the registry serves under a reference, as skopeo copies it (whole) into a layout.</summary>
    private async Task<string> SkopeoDigestAsync(string reference)
    {
        var layout = temp.Combine($"check-{Guid.NewGuid():N}");
        await SkopeoAsync("copy", "--all", "--src-tls-verify=false", $"docker://{reference}", $"oci:{layout}:x");
        return (await LayoutIndex.FindAsync(layout, "x")).Digest.ToString();
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
