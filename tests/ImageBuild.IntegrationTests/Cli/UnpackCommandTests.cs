using System.Runtime.Versioning;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary><c>dotnet image unpack</c> against umoci as the oracle, and its refusal to touch a directory in use.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class UnpackCommandTests : IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-unpack");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Unpack_of_umoci_layers_makes_the_tree_umoci_unpacks()
    {
        const string Tag = "t";
        var layout = temp.Combine("layout");
        await UmociLayeredImage.CreateLayoutAsync(layout, Tag, temp.Path);
        var cli = new CliRunner(temp.Combine("store"));
        await UmociLayeredImage.LoadIntoStoreAsync(layout, Tag, cli, "docker.io/library/exp:1", temp.Path);

        var target = temp.Combine("unpacked");
        // umoci as root keeps owners and devices; so do we when asked.
        var result = (await cli.RunAsync("unpack", "exp:1", target, "--preserve-ownership", "--devices")).EnsureSuccess();

        var bundle = temp.Combine("bundle");
        await ProcessRunner.OutputOfAsync(Tools.Umoci.Path, "unpack", "--image", $"{layout}:{Tag}", bundle);
        await FileTreeSnapshot.AssertSameAsync(Path.Combine(bundle, "rootfs"), target);
        Assert.Contains($"into {target}", result.StandardError + result.StandardOutput);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(temp.Path), path => path.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unpack_into_an_existing_empty_directory_fills_it()
    {
        var cli = await StoreWithBusyboxAsync();
        var target = temp.CreateSubdirectory("empty");

        (await cli.RunAsync("unpack", "bb:1", target)).EnsureSuccess();

        await FileTreeSnapshot.AssertSameAsync(await BusyboxRootfs.GetAsync(), target);
    }

    [Fact]
    public async Task Unpack_into_a_non_empty_directory_is_a_usage_error_and_changes_nothing()
    {
        var cli = await StoreWithBusyboxAsync();
        var target = temp.CreateSubdirectory("in-use");
        await File.WriteAllTextAsync(Path.Combine(target, "notes.txt"), "mine\n");
        Directory.CreateDirectory(Path.Combine(target, "bin"));
        var before = await FileTreeSnapshot.DescribeAsync(temp.Path);

        var result = await cli.RunAsync("unpack", "bb:1", target);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {target} already exists and is not empty; name a new directory", result.StandardError.Trim());
        Assert.Equal(before, await FileTreeSnapshot.DescribeAsync(temp.Path));
    }

    private async Task<CliRunner> StoreWithBusyboxAsync()
    {
        var cli = new CliRunner(temp.Combine("store"));
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), "bb:1")).EnsureSuccess();
        return cli;
    }
}
