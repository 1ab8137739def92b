using System.Formats.Tar;
using System.Text.Json;
using ImageBuild.IntegrationTests.Infrastructure;
using Xunit.Sdk;

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
        var source = work.Combine("source");
        await BusyboxImage.CreateLayoutAsync(source, "smoke");
        var copy = work.Combine("copy");
        (await ProcessRunner.RunAsync(Tools.Umoci.Path, ["config", "--image", $"{source}:smoke", "--config.cmd", "/bin/echo", "--config.cmd", "hello"])).EnsureSuccess();

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
        var layout = work.Combine("layout");
        await BusyboxImage.CreateLayoutAsync(layout, "smoke");

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

    [Fact]
    public async Task BusyboxTarballHoldsTheRootfsOwnedByRoot()
    {
        using var work = TempDirectory.Create();
        var tarball = await BusyboxRootfs.CreateTarballAsync(work.Combine("rootfs.tar"));

        var entries = new Dictionary<string, TarEntry>();
        await using (var stream = File.OpenRead(tarball))
        await using (var reader = new TarReader(stream))
        {
            while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
            {
                entries[entry.Name] = entry;
            }
        }

        Assert.Equal(TarEntryType.RegularFile, entries["bin/busybox"].EntryType);
        Assert.Equal(new FileInfo(Tools.Busybox.Path).Length, entries["bin/busybox"].Length);
        Assert.All(BusyboxRootfs.Applets, applet => Assert.Equal("busybox", entries[$"bin/{applet}"].LinkName));
        Assert.Contains("etc/passwd", entries.Keys);
        Assert.All(entries.Values, entry => Assert.Equal((0, 0), (entry.Uid, entry.Gid)));
        Assert.DoesNotContain(entries.Keys, name => name.StartsWith("./", StringComparison.Ordinal) || name.StartsWith('/'));
    }

    [Fact]
    public void AMissingToolFailsTheTestWithTheInstallHint()
    {
        var missing = new ExternalTool("no-such-tool", "no-such-package", ["imagebuild-no-such-tool"]);

        var error = Assert.Throws<XunitException>(() => missing.Path);

        Assert.False(missing.IsInstalled);
        Assert.Contains("no-such-tool is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("run eng/test.sh to install it", error.Message, StringComparison.Ordinal);
    }
}
