using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.SideBySide;

/// <summary>
/// One image reached two ways — loaded from a docker-archive and pulled from a registry — is one image with every
/// name in docker and in the store, and lookups are as strict as docker's.
/// </summary>
[Collection(SideBySideCollection.Name)]
public sealed class IdentityTests(SideBySideFixture fixture)
{
    [Fact]
    public async Task A_loaded_image_pulled_again_is_one_image_with_all_its_names()
    {
        await using var registry = await RegistryFixture.StartAsync();
        var repository = await PushPeerImageAsync(registry, "pv/peer");
        Assert.Equal(0, (await fixture.DockerAsync("pull", $"{repository}:1")).ExitCode);
        Assert.Equal(0, (await fixture.OursAsync("pull", $"{repository}:1")).ExitCode);
        try
        {
            var names = await BothAsync("inspect", "--format", "{{json .RepoTags}}|{{json .RepoDigests}}", PeerImages.Full);
            Assert.Equal(Sorted(names.Docker.Output), Sorted(names.Ours.Output));
            Assert.Contains($"{repository}@sha256:", names.Ours.Output, StringComparison.Ordinal);

            var rows = await BothAsync("ls", "--digests", "--format", "{{.Repository}} {{.Tag}} {{.Digest}} {{.ID}}", "--filter", $"reference={repository}");
            Assert.Equal(rows.Docker.Output, rows.Ours.Output);

            var id = (await fixture.DockerAsync("image", "ls", "-q", PeerImages.Full)).Output.Trim();
            var manifest = JsonDocument.Parse(names.Ours.Output.Split('|')[1]).RootElement[0].GetString()!.Split('@')[1];
            foreach (var lookup in new[] { id, $"sha256:{manifest[7..]}", $"pv-peer-img@{manifest}", $"{repository}@{manifest}" })
            {
                var found = await BothAsync("inspect", "--format", "{{.Id}}", lookup);
                Assert.True(found.Docker.ExitCode == found.Ours.ExitCode, $"inspect {lookup}: docker {found.Docker.ExitCode}, ours {found.Ours.ExitCode} {found.Ours.Error}");
                Assert.Equal(found.Docker.Output, found.Ours.Output);
            }

            var byDigest = await BothAsync("rm", $"{repository}@{manifest}");
            Assert.Equal(($"Untagged: {repository}@{manifest}\n", 0), (byDigest.Docker.Output, byDigest.Docker.ExitCode));
            Assert.Equal((byDigest.Docker.Output, byDigest.Docker.ExitCode), (byDigest.Ours.Output, byDigest.Ours.ExitCode));
            var byTag = await BothAsync("rm", $"{repository}:1");
            Assert.Equal((byTag.Docker.Output, byTag.Docker.ExitCode), (byTag.Ours.Output, byTag.Ours.ExitCode));
            var left = await BothAsync("inspect", "--format", "{{json .RepoTags}}|{{json .RepoDigests}}", PeerImages.Full);
            Assert.Equal(left.Docker.Output, left.Ours.Output);
        }
        finally
        {
            await fixture.DockerAsync("image", "rm", $"{repository}:1");
            await fixture.OursAsync("rm", $"{repository}:1");
        }
    }

    [Fact]
    public async Task An_image_pulled_by_digest_then_by_tag_is_one_row_and_its_digest_is_no_tag()
    {
        await using var registry = await RegistryFixture.StartAsync();
        var repository = await PushPeerImageAsync(registry, "pv/bydigest");
        try
        {
            // The digest the registry serves, learnt by a pull whose tag is then dropped again.
            Assert.Equal(0, (await fixture.OursAsync("pull", $"{repository}:1")).ExitCode);
            var pulled = (await fixture.OursAsync("inspect", "--format", "{{json .RepoDigests}}", $"{repository}:1")).Output;
            var digest = JsonDocument.Parse(pulled).RootElement[0].GetString()!.Split('@')[1];
            Assert.Equal(0, (await fixture.OursAsync("rm", $"{repository}:1")).ExitCode);

            foreach (var reference in new[] { $"{repository}@{digest}", $"{repository}:1" })
            {
                Assert.Equal(0, (await fixture.DockerAsync("pull", reference)).ExitCode);
                Assert.Equal(0, (await fixture.OursAsync("pull", reference)).ExitCode);
            }

            var rows = await BothAsync("ls", "--digests", "--format", "{{.Repository}} {{.Tag}} {{.Digest}} {{.ID}}", "--filter", $"reference={repository}");
            Assert.Equal($"{repository} 1 {digest} ", rows.Docker.Output[..(rows.Docker.Output.LastIndexOf(' ') + 1)]);
            Assert.Equal((rows.Docker.Output, rows.Docker.ExitCode), (rows.Ours.Output, rows.Ours.ExitCode));

            var names = await BothAsync("inspect", "--format", "{{json .RepoTags}}", $"{repository}@{digest}");
            Assert.DoesNotContain("@", names.Docker.Output, StringComparison.Ordinal);
            Assert.Equal(Sorted(names.Docker.Output), Sorted(names.Ours.Output));
        }
        finally
        {
            await fixture.DockerAsync("image", "rm", $"{repository}:1");
            await fixture.OursAsync("rm", $"{repository}:1");
        }
    }

    /// <summary>Pushes the loaded peer image to <paramref name="path"/><c>:1</c> in the registry; returns the repository.</summary>
    private async Task<string> PushPeerImageAsync(RegistryFixture registry, string path)
    {
        var repository = $"{registry.Host}/{path}";
        var archive = Path.Combine(fixture.Work, "pv-peer-img.tar");
        Assert.Equal(0, (await fixture.OursAsync("copy", $"docker-archive:{archive}", $"{repository}:1")).ExitCode);
        return repository;
    }

    private async Task<(ExactRun Docker, ExactRun Ours)> BothAsync(params string[] arguments) =>
        (await fixture.DockerAsync(["image", .. arguments]), await fixture.OursAsync(arguments));

    /// <summary>Each JSON list of "a|b" output sorted, since docker's order of names is its reference store's.</summary>
    private static string Sorted(string output) =>
        string.Join('|', output.Trim().Split('|').Select(list => string.Join(',', JsonDocument.Parse(list).RootElement.EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal))));
}
