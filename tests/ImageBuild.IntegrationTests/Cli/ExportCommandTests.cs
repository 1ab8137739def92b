using System.Runtime.Versioning;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// <c>dotnet image export</c> against umoci as the oracle: the flattened tar of an image whose layers and
/// whiteouts umoci wrote must extract, with GNU tar, to exactly the tree umoci unpacks from the same image.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ExportCommandTests : IDisposable
{
    private const string Tag = "t";
    private const string Reference = "docker.io/library/exp:1";

    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-export");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Export_of_umoci_layers_extracts_to_what_umoci_unpacks()
    {
        var layout = temp.Combine("layout");
        await UmociLayeredImage.CreateLayoutAsync(layout, Tag, temp.Path);
        var cli = new CliRunner(temp.Combine("store"));
        await UmociLayeredImage.LoadIntoStoreAsync(layout, Tag, cli, Reference, temp.Path);

        var archive = temp.Combine("out.tar");
        (await cli.RunAsync("export", "exp:1", "-o", archive)).EnsureSuccess();
        var extracted = temp.CreateSubdirectory("extracted");
        await ProcessRunner.OutputOfAsync(Tools.Tar.Path, "--extract", "--file", archive, "--directory", extracted, "--same-owner", "--same-permissions", "--numeric-owner");
        var bundle = temp.Combine("bundle");
        await ProcessRunner.OutputOfAsync(Tools.Umoci.Path, "unpack", "--image", $"{layout}:{Tag}", bundle);

        await FileTreeSnapshot.AssertSameAsync(Path.Combine(bundle, "rootfs"), extracted);
        var listing = await ProcessRunner.OutputOfAsync(Tools.Tar.Path, "--list", "--file", archive);
        Assert.DoesNotContain(".wh.", listing);

        // Spot checks, so that a fixture which lost its whiteouts cannot pass by being equally wrong in both trees.
        var tree = await FileTreeSnapshot.DescribeAsync(extracted);
        Assert.DoesNotContain(tree, line => line.StartsWith("etc/remove-me ", StringComparison.Ordinal) || line.StartsWith("gone/", StringComparison.Ordinal));
        Assert.Contains(tree, line => line.StartsWith("swapdir f 644 0:0 ", StringComparison.Ordinal));
        Assert.Contains(tree, line => line.StartsWith("swapfile d 755 ", StringComparison.Ordinal));
        Assert.Equal(["refill/new"], tree.Where(line => line.StartsWith("refill/", StringComparison.Ordinal)).Select(line => line.Split(' ')[0]));
        Assert.Contains(tree, line => line.StartsWith("owned/secret f 600 2000:2000 ", StringComparison.Ordinal));
        Assert.Contains(tree, line => line.StartsWith("bin2/b f 755 0:0 ", StringComparison.Ordinal) && line.EndsWith(" linked-with:bin2/a", StringComparison.Ordinal));
        Assert.Contains("gone l 0:0 -> etc", tree);
    }

    [Fact]
    public async Task Export_into_a_missing_directory_fails_clearly_and_writes_nothing()
    {
        var cli = new CliRunner(temp.Combine("store"));
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), "bb:1")).EnsureSuccess();

        await MissingOutputDirectory.AssertRefusedAsync(cli, temp, "export", "bb:1");
    }
}
