using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.IntegrationTests.Transfers;

namespace ImageBuild.IntegrationTests.SideBySide;

/// <summary>
/// <c>--platform</c> values docker accepts (single words, aliases, variants), normalised as containerd's platforms
/// package does: docker and our tool pull the same two-platform index with each value and must pick the same image,
/// or both refuse; and <c>rm $(ls -q) -f</c> removes what was pulled in both.
/// </summary>
[Collection(SideBySideCollection.Name)]
public sealed class PlatformTests(SideBySideFixture fixture)
{
    [Fact]
    public async Task Platform_words_and_aliases_pick_the_image_docker_picks()
    {
        await using var registry = await RegistryFixture.StartAsync();
        var source = await TwoPlatformLayout.CreateAsync(Path.Combine(fixture.Work, "two-platforms"), "two");
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["copy", "--all", "--dest-tls-verify=false", $"oci:{source.Path}:two", $"docker://{registry.Host}/pv/two:1"])).EnsureSuccess();
        var name = $"{registry.Host}/pv/two:1";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var platform in new[] { "arm64", "aarch64", "linux/aarch64", "linux/arm64/v8", "amd64", "x86_64", "linux/x86-64", "linux", "windows", "linux/arm64/v7" })
            {
                var docker = await fixture.DockerAsync("pull", "-q", "--platform", platform, name);
                var ours = await fixture.OursAsync("pull", "-q", "--platform", platform, name);
                Assert.True(docker.ExitCode == 0 == (ours.ExitCode == 0), $"--platform {platform}: docker exit {docker.ExitCode} {docker.Error}, ours exit {ours.ExitCode} {ours.Error}");
                if (docker.ExitCode != 0)
                {
                    continue;
                }

                const string Format = "{{.Id}} {{.Os}}/{{.Architecture}}";
                var dockerImage = await fixture.DockerAsync("image", "inspect", "--format", Format, name);
                var ourImage = await fixture.OursAsync("inspect", "--format", Format, name);
                Assert.True(dockerImage.Output == ourImage.Output, $"--platform {platform}: docker {dockerImage.Output} ours {ourImage.Output}");
                ids.Add(dockerImage.Output.Split(' ')[0]);
            }

            Assert.Equal(2, ids.Count);

            // rm $(ls -q) -f removes whatever was pulled, an index and its platform images included.
            Assert.Equal(0, (await fixture.OursAsync("pull", "-q", "--all-platforms", name)).ExitCode);
            Assert.Equal(0, (await fixture.DockerAsync("pull", "-q", name)).ExitCode);
            var filter = $"reference={registry.Host}/pv/two";
            var dockerIds = (await fixture.DockerAsync("image", "ls", "-q", "--filter", filter)).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var ourIds = (await fixture.OursAsync("ls", "-q", "--filter", filter)).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(ourIds);
            var dockerRm = await fixture.DockerAsync(["image", "rm", "-f", .. dockerIds]);
            var ourRm = await fixture.OursAsync(["rm", "-f", .. ourIds]);
            Assert.True((dockerRm.ExitCode, ourRm.ExitCode) == (0, 0), $"docker {dockerRm.Error} ours {ourRm.Error}");
            Assert.Equal(string.Empty, (await fixture.DockerAsync("image", "ls", "-q", "--filter", filter)).Output);
            Assert.Equal(string.Empty, (await fixture.OursAsync("ls", "-q", "--filter", filter)).Output);
        }
        finally
        {
            foreach (var id in ids)
            {
                await fixture.DockerAsync("image", "rm", "-f", id);
                await fixture.OursAsync("rm", "-f", id);
            }
        }
    }
}
