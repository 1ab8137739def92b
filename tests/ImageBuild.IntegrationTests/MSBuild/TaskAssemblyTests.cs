using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>
/// What MSBuild loads and runs for PublishImage: the package carries a native dotnet-image the task hands the publish
/// to; inside MSBuild (ContainerPublishInProcess, or a machine the package has no executable for) the packed task
/// assemblies are ReadyToRun-compiled and a publish loads only what the build uses, never the CLI's libraries; -v:d
/// shows the image step's phases either way.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed partial class TaskAssemblyTests(TasksPackageFixture fixture)
{
    private static readonly string[] CliOnly = ["System.CommandLine", "Spectre.Console", "dotnet-image"];

    private static readonly string[] OwnAssemblies = ["ImageBuild.dll", "ImageBuild.Tasks.dll"];

    /// <summary>"RTR", the READYTORUN_HEADER signature.</summary>
    private const uint ReadyToRunSignature = 0x00525452;

    /// <summary>READYTORUN_FLAG_UNRELATED_R2R_CODE: the image holds code for methods defined in other modules.</summary>
    private const uint ReadyToRunUnrelatedCodeFlag = 0x80;

    [Fact]
    public void Packed_task_assemblies_are_all_ReadyToRun_and_none_is_the_clis()
    {
        using var package = ZipFile.OpenRead(Path.Combine(fixture.PackageDirectory, $"ImageBuild.Tasks.{fixture.Version}.nupkg"));
        var assemblies = package.Entries.Where(e => e.FullName.StartsWith("tasks/net10.0/", StringComparison.Ordinal) && e.Name.EndsWith(".dll", StringComparison.Ordinal)).ToList();

        Assert.Contains(assemblies, e => e.Name == "ImageBuild.Tasks.dll");
        Assert.Contains(assemblies, e => e.Name == "ImageBuild.dll");
        Assert.DoesNotContain(assemblies, e => CliOnly.Contains(Path.GetFileNameWithoutExtension(e.Name)));
        foreach (var entry in assemblies)
        {
            using var copy = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(copy);
            }

            copy.Position = 0;
            using var reader = new PEReader(copy);
            // A ReadyToRun image carries a managed native header next to its IL; an IL-only assembly has none.
            var nativeHeader = reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory;
            Assert.True(nativeHeader.Size > 0, $"{entry.FullName} is not ReadyToRun-compiled");
            if (OwnAssemblies.Contains(entry.Name))
            {
                // Our code's framework generics (async state machine boxes, collections of our records) are compiled
                // into our images rather than left to the JIT: the header says the image holds code of other modules.
                var header = reader.GetSectionData(nativeHeader.RelativeVirtualAddress).GetReader();
                Assert.Equal(ReadyToRunSignature, header.ReadUInt32());
                header.Offset += 4;
                Assert.True((header.ReadUInt32() & ReadyToRunUnrelatedCodeFlag) != 0, $"{entry.FullName} holds no cross-module generic code");
            }
        }
    }

    [Fact]
    public async Task Publish_loads_the_task_and_library_but_no_archive_or_cli_assemblies()
    {
        using var project = ConsoleProject("plain");

        var result = (await project.PublishDetailedAsync($"ContainerBaseImage={fixture.Runtime.BaseLocation}", "ContainerPublishInProcess=true")).EnsureSuccess();

        Assert.DoesNotContain("PublishImage: running ", result.StandardOutput);
        var match = LoadedLine().Match(result.StandardOutput);
        Assert.True(match.Success, "the task logs its load context's assemblies at -v:d\n" + result.StandardOutput[^Math.Min(4000, result.StandardOutput.Length)..]);
        var loaded = match.Groups[1].Value.Trim().Split(", ");
        Assert.Contains("ImageBuild.Tasks", loaded);
        Assert.Contains("ImageBuild", loaded);
        // A store or registry build never opens a foreign archive: the decompressors are left unloaded.
        Assert.DoesNotContain("SharpCompress", loaded);
        Assert.DoesNotContain("ZstdSharp", loaded);
        Assert.Empty(loaded.Intersect(CliOnly));
        // -v:d also shows where the image step spent its time.
        Assert.Matches(@"PublishImage timings: load \d+ ms, plan \d+ ms, hash \d+ ms, tar\+compress \d+ ms, manifest \d+ ms, upload \d+ ms, total \d+ ms", result.StandardOutput);
        Assert.Matches(@"PublishImage JIT: \d+ methods compiled in \d+ ms during the task", result.StandardOutput);
    }

    [Fact]
    public async Task Publish_runs_in_the_packed_native_tool_and_inside_MSBuild_makes_the_same_image()
    {
        using var package = ZipFile.OpenRead(Path.Combine(fixture.PackageDirectory, $"ImageBuild.Tasks.{fixture.Version}.nupkg"));
        Assert.Contains(package.Entries, e => e.FullName == "tasks/net10.0/native/linux-x64/dotnet-image");
        using var project = ConsoleProject("twice");
        var baseImage = $"ContainerBaseImage={fixture.Runtime.BaseLocation}";

        var native = (await project.PublishDetailedAsync(baseImage)).EnsureSuccess();
        var nativeDigest = File.ReadAllText(project.DigestFile).Trim();
        // Another digest file is another input, so the image step runs again rather than being up to date.
        var inProcessDigestFile = Path.Combine(project.Root, "in-process.digest");
        var inProcess = (await project.PublishDetailedAsync(baseImage, "ContainerPublishInProcess=true", $"ContainerImageDigestFile={inProcessDigestFile}")).EnsureSuccess();

        Assert.Matches(@"PublishImage: running \S+/tasks/net10\.0/native/linux-x64/dotnet-image", native.StandardOutput);
        Assert.Matches(@"PublishImage timings: load \d+ ms", native.StandardOutput);
        Assert.DoesNotContain("PublishImage: running ", inProcess.StandardOutput);
        Assert.Matches(@"0 layer\(s\) written, \d+ from cache", inProcess.StandardOutput);
        Assert.StartsWith("sha256:", nativeDigest, StringComparison.Ordinal);
        Assert.Equal(nativeDigest, File.ReadAllText(inProcessDigestFile).Trim());
    }

    private PublishedProject ConsoleProject(string name) => PublishedProject.Create(
        fixture,
        name,
        """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <InvariantGlobalization>true</InvariantGlobalization>
          </PropertyGroup>
        </Project>
        """,
        new Dictionary<string, string> { [$"{name}/Program.cs"] = $"System.Console.WriteLine(\"{name}\");\n" });

    [GeneratedRegex(@"ImageBuild\.Tasks: assemblies in load context '[^']*': (.*)$", RegexOptions.Multiline)]
    private static partial Regex LoadedLine();
}
