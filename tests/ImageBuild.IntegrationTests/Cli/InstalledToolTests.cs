using System.IO.Compression;
using System.Xml.Linq;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// The packages eng/pack.sh makes, as <c>dotnet tool install</c> installs them: a native executable on linux-x64
/// (every CLI test runs it), and the framework-dependent "any" package on a platform with no native package.
/// </summary>
public sealed class InstalledToolTests
{
    private static readonly byte[] ElfMagic = [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    [Fact]
    public async Task Installed_tool_on_linux_x64_is_a_native_executable_with_no_managed_entry_assembly()
    {
        var executable = new FileInfo(InstalledTool.Path);
        var target = executable.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? executable;

        var header = new byte[4];
        await using (var stream = target.OpenRead())
        {
            await stream.ReadExactlyAsync(header);
        }

        Assert.Equal(ElfMagic, header);
        Assert.Contains($"{Path.DirectorySeparatorChar}linux-x64{Path.DirectorySeparatorChar}", target.FullName, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(target.DirectoryName!, "dotnet-image.dll")), "a native tool has no dotnet-image.dll beside it");

        var version = (await ProcessRunner.RunAsync(InstalledTool.Path, ["--version"])).EnsureSuccess();
        Assert.StartsWith("0.1.0", version.StandardOutput, StringComparison.Ordinal);
        using var store = TempDirectory.Create();
        var list = (await new CliRunner(store.Path).RunAsync("ls")).EnsureSuccess();
        Assert.StartsWith("REPOSITORY", list.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pointer_package_falls_back_to_a_portable_package_that_runs_on_dotnet()
    {
        // eng/install-tool.sh keeps the packages it installed from beside the tool's folder.
        var packages = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(InstalledTool.Path)!, "..", "packages"));
        var pointer = Directory.GetFiles(packages, "ImageBuild.Cli.0*.nupkg").Single();
        var version = Path.GetFileNameWithoutExtension(pointer)["ImageBuild.Cli.".Length..];

        // dotnet tool install takes the package of the machine's RID from this list, else the "any" one.
        using (var archive = ZipFile.OpenRead(pointer))
        {
            var settings = XDocument.Load(archive.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open());
            var listed = settings.Descendants("RuntimeIdentifierPackage").Select(p => (string)p.Attribute("RuntimeIdentifier")! + "=" + (string)p.Attribute("Id")!);
            Assert.Equal(["linux-x64=ImageBuild.Cli.linux-x64", "any=ImageBuild.Cli.any"], listed);
        }

        using var work = TempDirectory.Create();
        ZipFile.ExtractToDirectory(Path.Combine(packages, $"ImageBuild.Cli.any.{version}.nupkg"), work.Path);
        var assembly = Assert.Single(Directory.GetFiles(work.Path, "dotnet-image.dll", SearchOption.AllDirectories));
        var run = (await ProcessRunner.RunAsync("dotnet", [assembly, "--version"])).EnsureSuccess();
        Assert.Equal(version, run.StandardOutput.Trim().Split('+')[0]);
    }
}
