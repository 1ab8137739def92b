using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Tests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// SBOMs as OCI referrers against a real distribution 2.8 registry, which has no referrers API: a build pushed with
/// --sbom is found by <c>referrers</c> and <c>sbom</c> from a fresh store through the referrers tag schema, which
/// skopeo reads too; pull brings referrers only when asked, push takes them along unless told not to.
/// </summary>
public sealed class ReferrersCommandTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private const string SpdxType = "application/spdx+json";
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-referrers");

    [Fact]
    public async Task Build_pushed_with_an_sbom_is_found_through_the_referrers_tag_schema()
    {
        var cli = new CliRunner(temp.Combine("build-store"));
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), "bb:1")).EnsureSuccess();
        var app = temp.CreateSubdirectory("app");
        await File.WriteAllTextAsync(Path.Combine(app, "run.sh"), "echo with an sbom\n");
        var sbomFile = temp.Combine("written.spdx.json");
        var image = $"{registry.Host}/team/app:1";

        var build = (await cli.RunAsync("build", app, "--from", "bb:1", "-t", image, "--sbom", sbomFile, "--push", "--json")).EnsureSuccess();

        using var result = JsonDocument.Parse(build.StandardOutput);
        var manifest = result.RootElement.GetProperty("digest").GetString()!;
        var sbomDigest = result.RootElement.GetProperty("images")[0].GetProperty("sbomDigest").GetString()!;
        var written = await File.ReadAllTextAsync(sbomFile);
        await SpdxSchemaValidator.AssertValidAsync(written);
        Assert.Contains("./app/run.sh", written);

        // A fresh store: everything comes from the registry, which answers the referrers API with 404.
        var reader = new CliRunner(temp.Combine("reader-store"));
        var before = registry.Requests().Count;
        var listed = (await reader.RunAsync("referrers", image)).EnsureSuccess().StandardOutput;
        Assert.Contains(registry.Requests().Skip(before), r => r.Method == "GET" && r.Target.Contains($"/team/app/referrers/{manifest}", StringComparison.Ordinal) && r.Status == 404);
        var row = Assert.Single(listed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1));
        Assert.StartsWith(sbomDigest, row);
        Assert.Contains(SpdxType, row);
        Assert.Equal(sbomDigest, (await reader.RunAsync("referrers", image, "-q", "--artifact-type", SpdxType)).EnsureSuccess().StandardOutput.Trim());
        Assert.Empty((await reader.RunAsync("referrers", image, "-q", "--artifact-type", "application/vnd.example.signature")).EnsureSuccess().StandardOutput.Trim());

        var printed = (await reader.RunAsync("sbom", image)).EnsureSuccess().StandardOutput;
        Assert.Equal(written.TrimEnd('\n'), printed.TrimEnd('\n'));

        var fallback = await SkopeoRawAsync($"{registry.Host}/team/app:{FallbackTag(manifest)}");
        Assert.Equal("application/vnd.oci.image.index.v1+json", fallback.RootElement.GetProperty("mediaType").GetString());
        var entry = Assert.Single(fallback.RootElement.GetProperty("manifests").EnumerateArray());
        Assert.Equal(sbomDigest, entry.GetProperty("digest").GetString());
        Assert.Equal(SpdxType, entry.GetProperty("artifactType").GetString());
    }

    [Fact]
    public async Task Pull_takes_referrers_only_when_asked_and_push_takes_them_unless_told_not_to()
    {
        var cli = new CliRunner(temp.Combine("origin-store"));
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), "bb:1")).EnsureSuccess();
        var image = $"{registry.Host}/origin/app:1";
        (await cli.RunAsync("build", "--from", "bb:1", "--label", "x=1", "-t", image, "--sbom", "auto", "--push")).EnsureSuccess();

        var plain = new CliRunner(temp.Combine("plain-store"));
        (await plain.RunAsync("pull", image)).EnsureSuccess();
        Assert.Empty((await plain.RunAsync("referrers", image, "-q")).EnsureSuccess().StandardOutput.Trim());

        var store = new CliRunner(temp.Combine("with-referrers-store"));
        (await store.RunAsync("pull", image, "--include-referrers")).EnsureSuccess();
        var local = (await store.RunAsync("referrers", image, "-q")).EnsureSuccess().StandardOutput.Trim();
        Assert.Matches("^sha256:[0-9a-f]{64}$", local);
        var listed = (await store.RunAsync("ls", "-a", "-q")).EnsureSuccess().StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(listed);

        var copy = $"{registry.Host}/copies/app:1";
        var without = $"{registry.Host}/bare/app:1";
        (await store.RunAsync("tag", image, copy, without)).EnsureSuccess();
        (await store.RunAsync("push", copy)).EnsureSuccess();
        (await store.RunAsync("push", without, "--include-referrers=false")).EnsureSuccess();

        var digest = (await store.RunAsync("digest", copy)).EnsureSuccess().StandardOutput.Trim();
        using var fallback = await SkopeoRawAsync($"{registry.Host}/copies/app:{FallbackTag(digest)}");
        Assert.Equal(local, Assert.Single(fallback.RootElement.GetProperty("manifests").EnumerateArray()).GetProperty("digest").GetString());
        Assert.Equal(local, (await new CliRunner(temp.Combine("check-store")).RunAsync("referrers", "--remote", without.Replace("bare", "copies"), "-q")).EnsureSuccess().StandardOutput.Trim());
        Assert.Empty((await new CliRunner(temp.Combine("check-store")).RunAsync("referrers", without, "-q")).EnsureSuccess().StandardOutput.Trim());
    }

    private static string FallbackTag(string digest) => digest.Replace(':', '-');

    private static async Task<JsonDocument> SkopeoRawAsync(string reference)
    {
        var raw = (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", "--raw", "--tls-verify=false", $"docker://{reference}"])).EnsureSuccess();
        return JsonDocument.Parse(raw.StandardOutput);
    }

    public void Dispose() => temp.Dispose();
}
