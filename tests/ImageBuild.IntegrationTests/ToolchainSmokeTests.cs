using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests;

/// <summary>
/// The canary: proves the tools every other integration test leans on work on this machine, using images
/// made by umoci alone. When this fails, fix the machine (eng/test.sh) before reading other failures.
/// </summary>
public sealed class ToolchainSmokeTests
{
    [Fact]
    public async Task UmociBuiltBusyboxImageRunsUnderRuncAfterSkopeoCopy()
    {
        using var work = TempDirectory.Create();
        var rootfs = await BusyboxRootfs.GetAsync();
        var source = work.Combine("source");
        var copy = work.Combine("copy");
        var umoci = Tools.Umoci.Path;

        (await ProcessRunner.RunAsync(umoci, ["init", "--layout", source])).EnsureSuccess();
        (await ProcessRunner.RunAsync(umoci, ["new", "--image", $"{source}:smoke"])).EnsureSuccess();
        (await ProcessRunner.RunAsync(umoci, ["insert", "--image", $"{source}:smoke", rootfs, "/"])).EnsureSuccess();
        (await ProcessRunner.RunAsync(umoci, ["config", "--image", $"{source}:smoke", "--config.cmd", "/bin/echo", "--config.cmd", "hello"])).EnsureSuccess();

        // skopeo must carry the image between layouts unchanged for the copy to run below.
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["--insecure-policy", "copy", $"oci:{source}:smoke", $"oci:{copy}:copied"])).EnsureSuccess();
        var inspect = (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", $"oci:{copy}:copied"])).EnsureSuccess();
        using var inspected = JsonDocument.Parse(inspect.StandardOutput);
        Assert.Single(inspected.RootElement.GetProperty("Layers").EnumerateArray());

        var run = (await RuncRunner.RunAsync(copy, "copied")).EnsureSuccess();
        Assert.Equal("hello\n", run.StandardOutput);
    }

    [Fact]
    public async Task RuncReportsTheContainersExitCodeAndArgumentOverride()
    {
        using var work = TempDirectory.Create();
        var rootfs = await BusyboxRootfs.GetAsync();
        var layout = work.Combine("layout");
        var umoci = Tools.Umoci.Path;
        (await ProcessRunner.RunAsync(umoci, ["init", "--layout", layout])).EnsureSuccess();
        (await ProcessRunner.RunAsync(umoci, ["new", "--image", $"{layout}:smoke"])).EnsureSuccess();
        (await ProcessRunner.RunAsync(umoci, ["insert", "--image", $"{layout}:smoke", rootfs, "/"])).EnsureSuccess();

        var run = await RuncRunner.RunAsync(layout, "smoke", ["/bin/sh", "-c", "cat /etc/passwd; exit 3"]);

        run.EnsureExitCode(3);
        Assert.StartsWith("root:x:0:0:", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuiltCliRunsAsAProcess()
    {
        using var store = TempDirectory.Create();
        var cli = new CliRunner(store.Path);

        var help = (await cli.RunAsync("--help")).EnsureSuccess();

        Assert.Contains("--store", help.StandardOutput, StringComparison.Ordinal);
        (await cli.RunAsync("no-such-command")).EnsureExitCode(2);
    }
}
