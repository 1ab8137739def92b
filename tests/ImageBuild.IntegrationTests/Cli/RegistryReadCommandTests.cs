using System.Text.Json;
using System.Text.Json.Nodes;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Registry;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// <c>manifest inspect</c>, <c>digest</c>, <c>tags</c> and <c>rm --remote</c> run as processes against a real
/// registry holding images that skopeo pushed; skopeo is also the judge of digests and bytes.
/// </summary>
public sealed class RegistryReadCommandTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-remote-cli");

    private CliRunner Cli => new(temp.Combine("store"));

    private RegistrySeeder Seeder => new(registry, temp);

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task ManifestInspectPrintsTheManifestTheRegistryServes()
    {
        await Seeder.PushImageAsync("inspect/single", "1.0");
        var raw = (await RegistrySeeder.SkopeoAsync("inspect", "--raw", "--tls-verify=false", $"docker://{registry.Host}/inspect/single:1.0")).StandardOutput;

        var result = (await Cli.RunAsync("manifest", "inspect", $"{registry.Host}/inspect/single:1.0")).EnsureSuccess();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(raw), JsonNode.Parse(result.StandardOutput)), result.Describe());
        // The store writes compact JSON; it is shown indented with tabs, as docker shows it.
        Assert.DoesNotContain('\n', raw.TrimEnd());
        Assert.StartsWith("{\n\t\"schemaVersion\": 2,\n\t\"mediaType\": \"application/vnd.oci.image.manifest.v1+json\"", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManifestInspectOfAnIndexPrintsTheIndex()
    {
        var (index, entries) = await Seeder.PushIndexAsync("inspect/multi", "2.0");

        var result = (await Cli.RunAsync("manifest", "inspect", $"{registry.Host}/inspect/multi:2.0")).EnsureSuccess();

        var printed = JsonNode.Parse(result.StandardOutput)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(index.Bytes.Span), printed), result.Describe());
        Assert.Equal(entries.Select(e => e.Digest.ToString()), printed["manifests"]!.AsArray().Select(m => (string)m!["digest"]!));
    }

    [Fact]
    public async Task VerboseManifestInspectShowsDescriptorPlatformRawAndManifest()
    {
        var digest = await Seeder.PushImageAsync("inspect/verbose", "1.0", "linux/arm64/v8");
        var raw = (await RegistrySeeder.SkopeoAsync("inspect", "--raw", "--tls-verify=false", $"docker://{registry.Host}/inspect/verbose:1.0")).StandardOutput;

        var result = (await Cli.RunAsync("manifest", "inspect", "-v", $"{registry.Host}/inspect/verbose:1.0")).EnsureSuccess();

        var entry = JsonNode.Parse(result.StandardOutput)!.AsObject();
        Assert.Equal(["Ref", "Descriptor", "Raw", "OCIManifest"], entry.Select(p => p.Key));
        Assert.Equal($"{registry.Host}/inspect/verbose:1.0", (string)entry["Ref"]!);
        var descriptor = entry["Descriptor"]!.AsObject();
        Assert.Equal(MediaTypes.OciManifest, (string)descriptor["mediaType"]!);
        Assert.Equal(digest.ToString(), (string)descriptor["digest"]!);
        var rawBytes = Convert.FromBase64String((string)entry["Raw"]!);
        Assert.Equal(rawBytes.Length, (long)descriptor["size"]!);
        Assert.Equal(digest, Digest.Compute(rawBytes));
        Assert.Equal(raw.TrimEnd('\n'), System.Text.Encoding.UTF8.GetString(rawBytes));

        // The platform comes from the image's config, as docker reads it.
        var config = JsonNode.Parse((await RegistrySeeder.SkopeoAsync("inspect", "--config", "--tls-verify=false", $"docker://{registry.Host}/inspect/verbose:1.0")).StandardOutput)!;
        Assert.Equal((string)config["architecture"]!, (string)descriptor["platform"]!["architecture"]!);
        Assert.Equal("arm64", (string)descriptor["platform"]!["architecture"]!);
        Assert.Equal("linux", (string)descriptor["platform"]!["os"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(raw), entry["OCIManifest"]));
    }

    [Fact]
    public async Task VerboseInspectOfAnIndexListsEveryPlatformManifest()
    {
        var (_, entries) = await Seeder.PushIndexAsync("inspect/verbose-multi", "3.0");

        var result = (await Cli.RunAsync("manifest", "inspect", "-v", $"{registry.Host}/inspect/verbose-multi:3.0")).EnsureSuccess();

        var printed = JsonNode.Parse(result.StandardOutput)!.AsArray();
        Assert.Equal(entries.Count, printed.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var item = printed[i]!;
            Assert.Equal($"{registry.Host}/inspect/verbose-multi:3.0@{entries[i].Digest}", (string)item["Ref"]!);
            Assert.Equal(entries[i].Digest.ToString(), (string)item["Descriptor"]!["digest"]!);
            Assert.Equal(entries[i].Size, (long)item["Descriptor"]!["size"]!);
            Assert.Equal(entries[i].Platform!.Architecture, (string)item["Descriptor"]!["platform"]!["architecture"]!);
            Assert.Equal(entries[i].Platform!.Variant, (string?)item["Descriptor"]!["platform"]!["variant"]);
            var childRaw = (await RegistrySeeder.SkopeoAsync("inspect", "--raw", "--tls-verify=false", $"docker://{registry.Host}/inspect/verbose-multi@{entries[i].Digest}")).StandardOutput;
            Assert.Equal(childRaw.TrimEnd('\n'), System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)item["Raw"]!)));
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(childRaw), item["OCIManifest"]));
        }
    }

    [Fact]
    public async Task DigestIsWhatSkopeoSeesAndComesFromAHeadRequest()
    {
        await Seeder.PushImageAsync("digest/app", "1.0");
        var (index, _) = await Seeder.PushIndexAsync("digest/app", "multi");
        var skopeo = (await RegistrySeeder.SkopeoAsync("inspect", "--tls-verify=false", $"docker://{registry.Host}/digest/app:1.0")).StandardOutput;
        var before = registry.Requests().Count;

        var single = (await Cli.RunAsync("digest", $"{registry.Host}/digest/app:1.0")).EnsureSuccess();
        var multi = (await Cli.RunAsync("digest", $"{registry.Host}/digest/app:multi")).EnsureSuccess();

        using var inspect = JsonDocument.Parse(skopeo);
        Assert.Equal(inspect.RootElement.GetProperty("Digest").GetString() + "\n", single.StandardOutput);
        Assert.Equal(index.Digest + "\n", multi.StandardOutput);
        var requests = registry.Requests().Skip(before).Where(r => r.Target.StartsWith("/v2/digest/app/", StringComparison.Ordinal)).ToList();
        Assert.Equal([("HEAD", "/v2/digest/app/manifests/1.0", 200), ("HEAD", "/v2/digest/app/manifests/multi", 200)], requests);
    }

    [Fact]
    public async Task DigestOfAMissingTagFailsNamingTheTag()
    {
        await Seeder.PushImageAsync("digest/missing", "1.0");

        var result = await Cli.RunAsync("digest", $"{registry.Host}/digest/missing:2.0");

        result.EnsureExitCode(1);
        Assert.Empty(result.StandardOutput);
        Assert.Equal(
            $"error: manifest for {registry.Host}/digest/missing:2.0 not found: the tag does not exist; list tags with 'dotnet image tags {registry.Host}/digest/missing'",
            result.StandardError.Trim());
    }

    [Fact]
    public async Task TagsListsEveryTag()
    {
        await Seeder.PushImageAsync("tags/app", "1.0");
        string[] more = ["1.0.1", "1", "latest", "build-42"];
        await Seeder.CopyAsync("tags/app:1.0", more.Select(t => $"tags/app:{t}").ToArray());

        var result = (await Cli.RunAsync("tags", $"{registry.Host}/tags/app")).EnsureSuccess();

        Assert.Equal(more.Append("1.0").Order(StringComparer.Ordinal), result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        var withTag = await Cli.RunAsync("tags", $"{registry.Host}/tags/app:1.0");
        withTag.EnsureExitCode(2);
        Assert.Contains("names an image, not a repository", withTag.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoteRmDeletesTheTagsManifestByDigest()
    {
        var digest = await Seeder.PushImageAsync("rm/app", "1.0");

        var result = (await Cli.RunAsync("rm", "--remote", $"{registry.Host}/rm/app:1.0")).EnsureSuccess();

        Assert.Equal($"Deleted: {registry.Host}/rm/app@{digest}\n", result.StandardOutput);
        Assert.Contains(registry.Requests(), r => r == ("HEAD", "/v2/rm/app/manifests/1.0", 200));
        Assert.Contains(registry.Requests(), r => r == ("DELETE", $"/v2/rm/app/manifests/{digest}", 202));
        using var transport = new RegistryTransport();
        var error = await Assert.ThrowsAsync<RegistryException>(() => transport.CreateClient(registry.Host).GetManifestAsync("rm/app", "1.0", CancellationToken.None));
        Assert.Equal("MANIFEST_UNKNOWN", error.ErrorCode);
    }

    [Fact]
    public async Task RemoteRmOfAMissingTagFailsUnlessForced()
    {
        await Seeder.PushImageAsync("rm/missing", "1.0");

        var plain = await Cli.RunAsync("rm", "--remote", $"{registry.Host}/rm/missing:nope");
        var forced = await Cli.RunAsync("rm", "--remote", "-f", $"{registry.Host}/rm/missing:nope");

        plain.EnsureExitCode(1);
        Assert.Contains($"manifest for {registry.Host}/rm/missing:nope not found", plain.StandardError, StringComparison.Ordinal);
        forced.EnsureSuccess();
        Assert.Empty(forced.StandardOutput);
    }

    [Fact]
    public async Task RemoteRmOnARegistryWithDeletesDisabledSaysHowToEnableThem()
    {
        await using var readOnly = await RegistryFixture.StartAsync(new RegistryFixtureOptions { DeleteEnabled = false });
        var digest = await new RegistrySeeder(readOnly, temp).PushImageAsync("kept", "1.0");

        var result = await Cli.RunAsync("rm", "--remote", $"{readOnly.Host}/kept:1.0");

        result.EnsureExitCode(1);
        Assert.Empty(result.StandardOutput);
        Assert.StartsWith($"error: {readOnly.Host} does not allow deletes", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("storage.delete.enabled: true", result.StandardError, StringComparison.Ordinal);
        var still = (await Cli.RunAsync("digest", $"{readOnly.Host}/kept:1.0")).EnsureSuccess();
        Assert.Equal(digest + "\n", still.StandardOutput);
    }
}
