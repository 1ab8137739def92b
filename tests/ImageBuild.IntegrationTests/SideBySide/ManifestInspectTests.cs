using ImageBuild.IntegrationTests.Cli;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.SideBySide;

/// <summary>
/// <c>manifest inspect</c> of the same registry images as the docker CLI's: the same bytes on standard output for a
/// manifest and an index, plain and verbose (an index plainly is the list docker builds again, not the registry's
/// bytes), and the same exit code for a tag the registry lacks (our line also says how to list the tags, see
/// docs/docker-differences.md).
/// </summary>
[Collection(SideBySideCollection.Name)]
public sealed class ManifestInspectTests(SideBySideFixture fixture) : IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("manifest-inspect");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_manifest_and_an_index_print_as_docker_prints_them_plain_and_verbose()
    {
        await using var registry = await RegistryFixture.StartAsync();
        var seeder = new RegistrySeeder(registry, temp);
        await seeder.PushImageAsync("mi/single", "1.0", "linux/arm64/v8");
        await seeder.PushIndexAsync("mi/multi", "2.0");

        foreach (var reference in new[] { $"{registry.Host}/mi/single:1.0", $"{registry.Host}/mi/multi:2.0" })
        {
            foreach (string[] arguments in new[] { new[] { reference }, ["-v", reference] })
            {
                // The registry speaks plain HTTP on loopback: docker needs --insecure for that, ours falls back by itself.
                var docker = await fixture.DockerAsync(["manifest", "inspect", "--insecure", .. arguments]);
                var ours = await fixture.OursAsync(["manifest", "inspect", .. arguments]);

                Assert.True(docker.ExitCode == 0, $"docker manifest inspect {string.Join(' ', arguments)}: {docker.Error}");
                Assert.True(ours.ExitCode == 0, $"manifest inspect {string.Join(' ', arguments)}: {ours.Error}");
                Assert.Equal(docker.Output, ours.Output);
            }
        }
    }

    [Fact]
    public async Task A_tag_the_registry_lacks_fails_with_docker_exit_code_and_no_output()
    {
        await using var registry = await RegistryFixture.StartAsync();
        var reference = $"{registry.Host}/mi/none:1";

        var docker = await fixture.DockerAsync("manifest", "inspect", "--insecure", reference);
        var ours = await fixture.OursAsync("manifest", "inspect", reference);

        Assert.Equal((1, string.Empty), (docker.ExitCode, docker.Output));
        Assert.Equal((docker.ExitCode, docker.Output), (ours.ExitCode, ours.Output));
        Assert.Contains($"manifest for {reference} not found", ours.Error, StringComparison.Ordinal);
    }
}
