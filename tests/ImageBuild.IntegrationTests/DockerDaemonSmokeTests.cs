using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests;

/// <summary>
/// The canary for the test daemon: proves a private dockerd starts here and runs a container, using an image
/// made by the docker CLI alone. When this fails, fix the machine (eng/test.sh installs docker.io).
/// </summary>
[Collection(DockerDaemonCollection.Name)]
public sealed class DockerDaemonSmokeTests(DockerDaemonFixture daemon)
{
    [Fact]
    public async Task Imported_busybox_runs_without_a_network()
    {
        using var work = TempDirectory.Create();
        var tarball = await BusyboxRootfs.CreateTarballAsync(work.Combine("rootfs.tar"));
        var tag = $"smoke-{Guid.NewGuid():N}:1";
        await daemon.DockerOutputAsync("import", tarball, tag);

        var run = await daemon.DockerOutputAsync("run", "--rm", "--network", "none", tag, "/bin/echo", "hello from the test daemon");

        Assert.Equal("hello from the test daemon\n", run);
        (await daemon.RunDockerAsync("rmi", tag)).EnsureSuccess();
    }
}
